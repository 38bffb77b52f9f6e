package broadcasts

import (
	"regexp"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Draft is a notice as its author asks for it.
type Draft struct {
	Text       string
	AuthorName string
	UnitID     int64 // the scope asked for; 0: the author's own
	// ChatUnitID is the unit of the group the author wrote in (0 in a
	// private chat): it picks the author's scope when they hold several.
	ChatUnitID int64
	SendAt     time.Time // zero: at once
	Urgent     bool
	Photo      *nb.Attachment // sent to the groups of Platform with the text
	// Where the author asked, to answer them there.
	Platform       nb.Platform
	ChatExternalID string
	MessageID      string
}

// Result is what submitting or approving a notice did.
type Result struct {
	Notice *nb.Notice
	Queued int       // group copies queued
	Asked  int       // officers and officers' groups asked to approve
	DueAt  time.Time // when the copies go out (quiet hours and schedule applied)
	Told   int       // messages to the author queued
}

// linkRE finds web links and bare domains in a notice.
var linkRE = regexp.MustCompile(`(?i)(https?://|www\.|[a-z0-9-]+\.(com|cn|net|org|top|xyz|io|cc|me|info)\b)`)

// HasLink reports whether text holds a web link.
func HasLink(text string) bool { return linkRE.MatchString(text) }

// SubmitTx checks a draft and either queues its copies to every group of
// its scope or, when it reaches beyond the author's own scope (or holds a
// link and the policy wants it checked), asks that unit's officers to
// approve it. Officers send within their scope without approval, with no
// quota and no link check.
func (s *Service) SubmitTx(tx nb.Tx, actor nb.Actor, d Draft) (*Result, error) {
	tree, err := tx.UnitTree()
	if err != nil {
		return nil, err
	}
	if !actor.HasRole(Authors...) {
		return nil, refuse(nb.EFORBIDDEN, "notice_forbidden")
	}
	n := &nb.Notice{AuthorID: actor.PersonID, AuthorName: d.AuthorName, Text: strings.TrimSpace(d.Text),
		UnitID: d.UnitID, SendAt: d.SendAt, Urgent: d.Urgent, Photo: d.Photo, Status: nb.NoticeQueued,
		Platform: d.Platform, ChatExternalID: d.ChatExternalID, MessageID: d.MessageID}
	if err := s.checkText(n.Text); err != nil {
		return nil, err
	}
	if n.UnitID == 0 {
		if n.UnitID, err = ownScope(actor, tree, d.ChatUnitID); err != nil {
			return nil, err
		}
	}
	if err := s.checkSchedule(tx.Now(), n.SendAt); err != nil {
		return nil, err
	}
	if !IsApprover(actor, tree, n.UnitID) {
		if err := s.checkAmbassador(tx, actor, tree, n); err != nil {
			return nil, err
		}
	}
	if err := tx.CreateNotice(n); err != nil {
		return nil, err
	}
	if n.Status == nb.NoticeAwaiting {
		res := &Result{Notice: n}
		if res.Asked, err = s.requestApproval(tx, n, tree); err != nil {
			return nil, err
		}
		return res, audit(tx, nb.BroadcastEvent{NoticeID: n.ID, Kind: nb.BroadcastSubmitted, ActorID: actor.PersonID,
			UnitID: n.UnitID, Note: n.Why})
	}
	res, err := s.fanOut(tx, n, tree)
	if err != nil {
		return nil, err
	}
	return res, audit(tx, nb.BroadcastEvent{NoticeID: n.ID, Kind: nb.BroadcastQueued, ActorID: actor.PersonID, UnitID: n.UnitID})
}

// checkText refuses an empty or too long notice.
func (s *Service) checkText(text string) error {
	if text == "" {
		return refuse(nb.EINVALID, "notice_empty")
	} else if n := len([]rune(text)); n > s.policy.MaxRunes {
		return refuse(nb.EINVALID, "notice_too_long", s.policy.MaxRunes, n)
	}
	return nil
}

// checkSchedule refuses a time in the past or too far ahead.
func (s *Service) checkSchedule(now, at time.Time) error {
	switch {
	case at.IsZero():
		return nil
	case at.Before(now.Add(-time.Minute)):
		return refuse(nb.EINVALID, "notice_at_past")
	case at.After(now.Add(s.policy.MaxAhead)):
		return refuse(nb.EINVALID, "notice_at_far", int(s.policy.MaxAhead.Hours()/24))
	}
	return nil
}

// checkAmbassador applies an ambassador's limits to n: no urgent mark,
// the daily quota, the link policy; and marks n as awaiting approval when
// its scope is wider than theirs or it holds a link to check.
func (s *Service) checkAmbassador(tx nb.Tx, actor nb.Actor, tree nb.UnitTree, n *nb.Notice) error {
	if n.Urgent {
		return refuse(nb.EFORBIDDEN, "notice_urgent_officers")
	}
	y, m, d := tx.Now().In(s.policy.Location).Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, s.policy.Location)
	sent, err := tx.CountNotices(nb.NoticeFilter{AuthorID: actor.PersonID, Since: midnight})
	if err != nil {
		return err
	}
	if s.policy.DailyQuota > 0 && sent >= s.policy.DailyQuota {
		return refuse(nb.ECONFLICT, "notice_quota", s.policy.DailyQuota)
	}
	if !actor.Covers(tree, n.UnitID, nb.RoleAmbassador) {
		n.Status, n.Why = nb.NoticeAwaiting, "scope"
	}
	if HasLink(n.Text) {
		switch s.policy.Links {
		case LinksDeny:
			return refuse(nb.EFORBIDDEN, "notice_links_denied")
		case LinksApprove:
			n.Status, n.Why = nb.NoticeAwaiting, strings.TrimPrefix(n.Why+",link", ",")
		}
	}
	return nil
}

// ownScope picks the author's own scope: the unit of their ambassador or
// officer grant that contains the group they write in, else their only one.
func ownScope(actor nb.Actor, tree nb.UnitTree, chatUnit int64) (int64, error) {
	var units []int64
	for _, g := range actor.Grants {
		switch g.Role {
		case nb.RoleAmbassador, nb.RoleOfficer, nb.RoleAdmin:
		default:
			continue
		}
		if chatUnit != 0 && tree.Within(chatUnit, g.UnitID) {
			return g.UnitID, nil
		}
		if !containsID(units, g.UnitID) {
			units = append(units, g.UnitID)
		}
	}
	if len(units) == 1 {
		return units[0], nil
	}
	return 0, refuse(nb.EINVALID, "notice_need_scope")
}

func containsID(ids []int64, id int64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
