package broadcasts

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// DueAt is when a notice's copies go out if queued at now: at its
// scheduled time (or now), and, unless it is urgent, after quiet hours.
func (s *Service) DueAt(n *nb.Notice, now time.Time) time.Time {
	t := now
	if n.SendAt.After(now) {
		t = n.SendAt
	}
	if !n.Urgent {
		t = s.policy.Quiet.EndAfter(t)
	}
	return t
}

// fanOut queues one copy of n to every active group bound within its
// scope, due at DueAt; a group that already has a copy gets no other.
func (s *Service) fanOut(tx nb.Tx, n *nb.Notice, tree nb.UnitTree) (*Result, error) {
	chats, err := tx.ListChats("", nb.ChatGroup)
	if err != nil {
		return nil, err
	}
	res := &Result{Notice: n, DueAt: s.DueAt(n, tx.Now())}
	text := s.words.Notice(n)
	for _, c := range chats {
		if c.Inactive || !c.Bound() || !tree.Within(c.UnitID, n.UnitID) {
			continue
		}
		m := &nb.OutboxMessage{Platform: c.Platform, ChatExternalID: c.ExternalID, Text: text, NextAttemptAt: res.DueAt}
		if n.Photo != nil && c.Platform == n.Platform { // a file reference means nothing on another platform
			m.Attachments = []nb.Attachment{*n.Photo}
		}
		added, err := tx.AddNoticeDelivery(n.ID, c.ID, m)
		if err != nil {
			return nil, err
		}
		if added {
			res.Queued++
		}
	}
	return res, nil
}

// requestApproval asks the officers nearest to n's scope to approve it:
// those of the scope unit itself, else of the nearest unit above it that
// has any — privately, and in their officers' work groups.
func (s *Service) requestApproval(tx nb.Tx, n *nb.Notice, tree nb.UnitTree) (int, error) {
	text := s.words.Request(n, tree.Name(n.UnitID))
	for unit, seen := n.UnitID, 0; unit != 0 && seen <= len(tree); seen++ {
		asked, err := s.askUnit(tx, unit, text)
		if err != nil || asked > 0 {
			return asked, err
		}
		u, ok := tree[unit]
		if !ok {
			break
		}
		unit = u.ParentID
	}
	return 0, nil
}

// platforms are the platforms whose officers may be asked.
var platforms = []nb.Platform{nb.PlatformSandbox, nb.PlatformTelegram, nb.PlatformWeChat}

// askUnit sends text to the officers of exactly unit and to its officers'
// work groups, and returns how many messages it queued.
func (s *Service) askUnit(tx nb.Tx, unit int64, text string) (int, error) {
	asked := 0
	chats, err := tx.ListOfficersChats(unit)
	if err != nil {
		return 0, err
	}
	for _, c := range chats {
		if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: c.Platform, ChatExternalID: c.ExternalID, Text: text}); err != nil {
			return 0, err
		}
		asked++
	}
	n, err := tellOfficers(tx, unit, text)
	if err != nil {
		return 0, err
	}
	asked += n
	return asked, nil
}

// tellAuthor answers the author where they asked for n, as a reply to
// their command; it returns how many messages it queued.
func (s *Service) tellAuthor(tx nb.Tx, n *nb.Notice, text string) (int, error) {
	if n.Platform == "" || n.ChatExternalID == "" || text == "" {
		return 0, nil
	}
	err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: n.Platform, ChatExternalID: n.ChatExternalID, Text: text, ReplyTo: n.MessageID})
	if err != nil {
		return 0, err
	}
	return 1, nil
}
