// Package scoring scores what the extraction rules find against a graph taken as
// gold: a curated interview graph ([Evaluate]) or an argument map read from AIF
// ([EvaluateArguments]), with the pairs of propositions of DialAM-2024, and sums
// the scores of many graphs or files.
package scoring
