// Package gazetteer finds known names in text: every name and alias of every
// entity at once, in Chinese, English or both, as the extraction rules need.
//
// A [Matcher] is built once from [Pattern] values and then scans any amount of
// text in one pass. It matches leftmost-longest ("Dario Amodei" rather than
// "Dario", "人工智能" rather than "人工"), without overlaps, on folded text
// (NFKC and case folding, so "ＤｅｅｐＳｅｅｋ" is "DeepSeek", and white space
// collapsed), with word boundaries for scripts written with spaces and none
// for Chinese or Japanese, and reports code point offsets into the original
// text.
//
// Underneath is an Aho–Corasick automaton over bytes of folded text, with
// ASCII case and white space folded by the byte classes. Characters that
// fold to themselves, which is almost all of them, go to the automaton
// straight from the text; only the others are folded first, one
// normalization segment at a time.
package gazetteer
