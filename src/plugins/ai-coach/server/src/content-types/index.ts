export default {};

/** Typed names of this plugin's content types (STYLE 9). */
export const UIDS = {} as const;
