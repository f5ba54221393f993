/**
 * Renders the screenshots' HTML (not part of `npm test`): `npx jest -c miniprogram/docs/screens/jest.config.js`,
 * then `node miniprogram/docs/screens/shoot.js` turns each HTML file into a PNG in miniprogram/docs/.
 */
const root = require('../../../jest.config.js');

module.exports = {
  rootDir: '../../..',
  testMatch: ['<rootDir>/miniprogram/docs/screens/render.test.ts'],
  transform: root.transform,
  testEnvironment: 'jsdom',
  modulePathIgnorePatterns: root.modulePathIgnorePatterns,
};
