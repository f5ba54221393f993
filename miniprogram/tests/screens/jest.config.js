/**
 * Renders the screenshots' HTML (not part of `npm test`: the file is not a *.test.ts):
 * `npx jest -c miniprogram/tests/screens/jest.config.js`, then `node miniprogram/tests/screens/shoot.js`
 * turns each HTML file into a PNG in miniprogram/docs/.
 */
const root = require('../../../jest.config.js');

module.exports = {
  rootDir: '../../..',
  testMatch: ['<rootDir>/miniprogram/tests/screens/render.screens.ts'],
  transform: root.transform,
  testEnvironment: 'jsdom',
  modulePathIgnorePatterns: root.modulePathIgnorePatterns,
};
