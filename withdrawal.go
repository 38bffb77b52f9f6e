package neighborbot

import "strings"

// WithdrawHold says why a reporter's withdrawal does not end a case: a
// report is the reporter's to take back only while it is theirs alone.
type WithdrawHold string

// Withdrawal holds.
const (
	HoldNone     WithdrawHold = ""
	HoldFollowed WithdrawHold = "followed" // other residents follow it (+1, 我也是, #关注, a merge) or added a photo
	HoldActedOn  WithdrawHold = "acted"    // an officer or a department acted on it (#确认, #分类, #吹哨 …)
)

// HoldOf decides whether the reporter of c may withdraw it, from its
// followers and its events: not while anyone else follows it or added a
// photo to it (a neighbour who joined in), nor once anyone else acted on
// it (an officer or a department; the scheduler's automatic promotion is
// no one's decision). A community expects a neighbour's "没事了" not to
// close what others still live with, nor what an officer already took up;
// the reporter then only stops following it.
func HoldOf(c *Case, followers []*Follower, events []*Event) WithdrawHold {
	for _, f := range followers {
		if f.PersonID != c.ReporterID {
			return HoldFollowed
		}
	}
	hold := HoldNone
	for _, ev := range events {
		switch {
		case ev.ActorID == 0 || ev.ActorID == c.ReporterID || ev.Kind == EventFollowed:
		case ev.Kind == EventEvidence: // anyone may reply to the bot's message with a photo
			hold = HoldFollowed
		default:
			return HoldActedOn
		}
	}
	return hold
}

// Why a reporter withdraws, as the withdrawal's note records it
// (WithdrawNote): the report was a mistake (搞错了, 不是报事), or the trouble
// is over (没事了, 已经好了). Retraining may read them apart.
const (
	WithdrawMistake = "mistake"
	WithdrawOver    = "over"
)

// withdrawTags open a withdrawal's note with its reason, in words people
// read in the timeline.
var withdrawTags = map[string]string{WithdrawMistake: "〔误报〕", WithdrawOver: "〔已没事〕"}

// WithdrawNote is the note of a withdraw (or left) event: the reporter's
// words, opened by the reason's tag when the reason is known.
func WithdrawNote(reason, words string) string {
	return withdrawTags[reason] + strings.TrimSpace(words)
}

// WithdrawReason is the reason a withdraw (or left) event's note records
// (WithdrawMistake, WithdrawOver), "" when none.
func WithdrawReason(note string) string {
	for reason, tag := range withdrawTags {
		if strings.HasPrefix(note, tag) {
			return reason
		}
	}
	return ""
}

// holdTags follow a left event's reason tag with its hold, so that the
// timeline and the notices say why the case stayed.
var holdTags = map[WithdrawHold]string{HoldFollowed: "〔仍有邻居关注〕", HoldActedOn: "〔工作人员已跟进〕"}

// HeldNote is the note of a left event: note (a WithdrawNote) with hold's
// tag after its reason's.
func HeldNote(hold WithdrawHold, note string) string {
	tag := withdrawTags[WithdrawReason(note)]
	return tag + holdTags[hold] + strings.TrimPrefix(note, tag)
}

// HeldBy is the hold a left event's note records (HeldNote), HoldNone if
// none.
func HeldBy(note string) WithdrawHold {
	rest := strings.TrimPrefix(note, withdrawTags[WithdrawReason(note)])
	for hold, tag := range holdTags {
		if strings.HasPrefix(rest, tag) {
			return hold
		}
	}
	return HoldNone
}

// WithdrawWords are the reporter's own words in a withdraw or left event's
// note, without its tags.
func WithdrawWords(note string) string {
	rest := strings.TrimPrefix(note, withdrawTags[WithdrawReason(note)])
	return strings.TrimPrefix(rest, holdTags[HeldBy(note)])
}
