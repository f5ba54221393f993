/** The reward rules live in the admin (the settings single type); nothing to configure at boot yet. */
export default { default: {}, validator: () => {} };
