package intake

import (
	"bytes"
	_ "embed"
)

// builtinCorpus is the training corpus the embedded model was trained on
// (testdata/README.md says how it was made); `neighborbot train -from-db`
// trains on it plus a community's own decisions.
//
//go:embed testdata/corpus_train.tsv
var builtinCorpus []byte

// BuiltinCorpus returns the built-in training corpus.
func BuiltinCorpus() (*Dataset, error) { return ReadTSV(bytes.NewReader(builtinCorpus)) }
