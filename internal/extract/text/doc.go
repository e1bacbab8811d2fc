// Package text splits transcripts into paragraphs, headings and sentences for the
// extraction rules, in Chinese and English alike, keeping character (code point)
// offsets into the original text.
package text
