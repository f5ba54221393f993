/**
 * A secret the app cannot run without. `npm run develop` / `start` / `build` generate them into .env on
 * first run (scripts/prepare-env.js); a production deployment must set them itself.
 */
export const requiredSecret = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Locally, run \`npm run develop\` once and it is generated into .env; ` +
        'in production, set it in the environment (see README, "Environment variables").',
    );
  }
  return value;
};
