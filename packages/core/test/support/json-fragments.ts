// JSON texts glued from fragments that are valid, almost valid or hostile, for properties that
// compare the JSON readers with each other (the gate's parser, the lossless and the pilot reader).
import fc from "fast-check";

const FRAGMENT = fc.constantFrom("{", "}", "[", "]", ",", ":", '"k"', '"\\q"', "1", "-", "0", "01", "1.", "1e", ".5", "true", "tru", "null", " ", "\n", "\uFEFF", "\u0001");

/** Up to ten fragments joined: mostly malformed, sometimes valid JSON. */
export const jsonFragmentText: fc.Arbitrary<string> = fc.array(FRAGMENT, { maxLength: 10 }).map((parts) => parts.join(""));
