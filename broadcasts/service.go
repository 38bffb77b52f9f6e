// Package broadcasts implements the domain's broadcast service: ambassadors
// (宣传代言人) appointed and revoked by officers, and the notices they and
// officers send to the groups of a unit — checked against scope, quota,
// length and link policy, approved when they reach wider than the author's
// own scope, scheduled, held through quiet hours, and delivered through
// the outbox once per group. Every step runs in the caller's transaction
// and is written to the broadcasts' audit log. It depends on the domain only.
package broadcasts

import (
	"fmt"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// LinkPolicy says what happens to an ambassador's notice with a link.
type LinkPolicy string

// Link policies.
const (
	LinksApprove LinkPolicy = "approve" // an officer must approve it (default)
	LinksAllow   LinkPolicy = "allow"
	LinksDeny    LinkPolicy = "deny"
)

// Policy is what the service needs from the configuration.
type Policy struct {
	DailyQuota int        // notices per ambassador per local day (default 3)
	MaxRunes   int        // longest notice text (default 500)
	Links      LinkPolicy // default LinksApprove
	// MaxAhead is how far ahead a notice may be scheduled (default 30 days).
	MaxAhead time.Duration
	Quiet    nb.QuietHours
	Location *time.Location // for the quota's day (default the quiet hours', else UTC)
}

// Words renders what people are told; the chat layer supplies it.
type Words interface {
	// Notice is the text posted in each group: marked as a notice, with
	// its author's name.
	Notice(n *nb.Notice) string
	// Request asks the officers of unit to approve n.
	Request(n *nb.Notice, unit string) string
	// Decided tells the author that n was approved (queued copies) or rejected.
	Decided(n *nb.Notice, queued int) string
	// Suggest tells officers that a resident satisfied with case caseID
	// of unit may make a good ambassador.
	Suggest(name string, caseID int64, unit string) string
}

// Service is the broadcast service.
type Service struct {
	policy Policy
	words  Words
}

// New returns the broadcast service.
func New(words Words, p Policy) *Service {
	if p.DailyQuota == 0 {
		p.DailyQuota = 3
	}
	if p.MaxRunes <= 0 {
		p.MaxRunes = 500
	}
	if p.Links == "" {
		p.Links = LinksApprove
	}
	if p.MaxAhead <= 0 {
		p.MaxAhead = 30 * 24 * time.Hour
	}
	if p.Location == nil {
		p.Location = p.Quiet.Location
	}
	if p.Location == nil {
		p.Location = time.UTC
	}
	return &Service{policy: p, words: words}
}

// Policy returns the policy in force, defaults filled in.
func (s *Service) Policy() Policy { return s.policy }

// Error is a refusal the chat layer explains to the person: Key names the
// phrase, Args fill it in.
type Error struct {
	Code string // nb.EFORBIDDEN, nb.EINVALID, nb.ECONFLICT, nb.ENOTFOUND
	Key  string
	Args []any
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("broadcast: %s %s %v", e.Code, e.Key, e.Args) }

func refuse(code, key string, args ...any) error { return &Error{Code: code, Key: key, Args: args} }

// Approvers may appoint ambassadors, approve notices and send them without
// approval, within their scope.
var Approvers = []nb.Role{nb.RoleOfficer, nb.RoleAdmin}

// Authors may write notices (#通知), see how they went and cancel them.
var Authors = []nb.Role{nb.RoleAmbassador, nb.RoleOfficer, nb.RoleAdmin}

// IsApprover reports whether actor may approve notices to unit (the
// system, for an operator's command line, may).
func IsApprover(actor nb.Actor, tree nb.UnitTree, unit int64) bool {
	return actor.System || actor.Covers(tree, unit, Approvers...)
}

// audit appends an entry to the broadcasts' audit log.
func audit(tx nb.Tx, e nb.BroadcastEvent) error { return tx.AppendBroadcastEvent(&e) }
