// Package intake turns residents' group-chat messages into structured
// reports: it normalises text, segments Chinese with gse and a small
// embedded dictionary, detects concerns, classifies them into a category
// taxonomy, extracts locations and urgency, and matches duplicates against
// open cases.
//
// A location (ExtractLocation) is the words that say where the trouble is or
// is seen, as written: addresses, landmarks and facilities, relative places
// and sides (楼上, 对门, 楼前, 楼后面, 路边), the parts of a building where
// something happens (楼道, 楼梯, 阳台, 电梯里) and the rooms of a flat
// (厨房, 卫生间); the broken thing itself (电梯坏了, 路灯不亮) is no place. The labelling guideline is in
// testdata/README.md ("Location labels"); relative places do not count as
// evidence that a message is a report here (anchoringPlaces).
//
// Everything runs in-process without network access. Models are plain
// gzip-compressed gob files written by Train/Model.Save (neighborbot train);
// the default model, trained on the built-in corpus (BuiltinCorpus:
// testdata/corpus_train.tsv and the real negatives of testdata/realchat/), is embedded in
// the binary and returned by Default. Rebuild it with
//
//	go run ./intake/internal/gencorpus -out intake/testdata   # regenerate the corpus
//	go run ./intake/internal/intakecli                       # retrain intake/model/default.gob.gz
//
// Options: WithAckThreshold, WithKeywordBoost and WithDuplicateWindow apply
// to Default, Load and Train. Model.WithTaxonomy returns a copy of the model
// using another taxonomy (keywords boost categories, priorities come from the
// taxonomy); the original is not modified. A Model is immutable once built
// and safe for concurrent use; its only mutable state is a bounded internal
// cache of what FindDuplicate derives from open cases (shared with copies),
// which does not change any result.
//
// MaskPersonal and MaskLocation hide phone numbers, identity card numbers
// and room numbers before text is repeated in a group.
package intake
