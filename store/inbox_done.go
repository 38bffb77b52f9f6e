package store

import (
	"fmt"
	"slices"
	"strings"
)

// markHandledChunk is how many items one statement of MarkInboxHandled
// marks at most; a shorter list is padded (with its last id) to 8 or to
// markHandledChunk, so that the statement takes one of two forms and stays
// prepared.
const markHandledChunk = 64

// markHandledQueries holds the statement for 8 and for markHandledChunk ids.
var markHandledQueries = map[int]string{8: markHandledQuery(8), markHandledChunk: markHandledQuery(markHandledChunk)}

func markHandledQuery(n int) string {
	return `UPDATE inbox SET done_at = ?, payload = ? WHERE done_at = 0 AND id IN (?` +
		strings.Repeat(", ?", n-1) + `) RETURNING id`
}

// MarkInboxHandled records that the pending items ids were handled without
// error, 64 to a statement rather than one each, and drops their payloads:
// a handled message is kept only as its key (platform, chat, message id),
// against a platform's redelivery, until PruneInbox deletes it. Messages
// that failed keep theirs (MarkInboxDone with an error), for a retry.
//
// It returns the ids that were not pending (handled already): the others
// were marked, so the caller must then roll its transaction back.
func (tx *tx) MarkInboxHandled(ids []int64) (notPending []int64, err error) {
	now := toMillis(tx.Now())
	marked := make(map[int64]bool, len(ids))
	for chunk := range slices.Chunk(ids, markHandledChunk) {
		size := 8
		if len(chunk) > size {
			size = markHandledChunk
		}
		args := make([]any, 0, size+2)
		args = append(args, now, []byte{})
		for i := range size {
			args = append(args, chunk[min(i, len(chunk)-1)]) // padded with a repeat: IN ignores it
		}
		got, err := queryList(tx, scanID, markHandledQueries[size], args...)
		if err != nil {
			return nil, fmt.Errorf("mark inbox handled: %w", err)
		}
		for _, id := range got {
			marked[id] = true
		}
	}
	for _, id := range ids {
		if !marked[id] {
			notPending = append(notPending, id)
		}
	}
	return notPending, nil
}

func scanID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}
