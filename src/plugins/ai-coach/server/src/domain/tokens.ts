/**
 * An upper bound of the tokens a text costs with any common tokenizer (cl100k, o200k, DeepSeek's, Qwen's):
 * none spends more than one token per character here, so the character count (plus a few per message for
 * the chat format) bounds a reservation without a tokenizer dependency.
 */
export const countTokensUpperBound = (text: string): number => Array.from(text).length + 16;
