package handlers

import (
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
)

// Decisions turns the officers' and reporters' decisions on cases created
// since the given time into labelled examples for retraining the model:
//
//   - dismissed (驳回) with a reason saying it was not a report (不是报事,
//     闲聊, 误报, not a report …, DismissalTeachesNotReport): not a concern;
//   - dismissed for any other reason (out of scope, a duplicate, solved,
//     handed on): a concern, of its category only if an officer confirmed
//     (#确认) or re-categorised (#分类) it, else of no category;
//   - withdrawn by its reporter as a correction (不是报事, 是我搞错了,
//     withdrawalIsCorrection): not a concern; withdrawn because the
//     trouble is over (没事了, 修好了) or with no words: no label of its
//     own (a concern of its category if an officer had confirmed or
//     re-categorised it);
//   - confirmed, merged, accepted or later (确认, 合并, 立项 …): a concern of
//     the case's category (which includes any #分类), or of none;
//   - a topic an officer re-categorised (#分类): a concern of that category;
//   - still a topic nobody acted on: no label, left out.
//
// It reads in pages, oldest decisions as the store lists them.
func Decisions(tx nb.Tx, since time.Time) ([]intake.Example, error) {
	const page = 200
	var out []intake.Example
	for offset := 0; ; offset += page {
		cases, err := tx.ListCases(nb.CaseFilter{Since: since, Offset: offset, Limit: page})
		if err != nil {
			return nil, err
		}
		for _, cs := range cases {
			ex, ok, err := decisionExample(tx, cs)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, ex)
			}
		}
		if len(cases) < page {
			return out, nil
		}
	}
}

// decisionExample is the labelled example cs's decisions make, if any.
func decisionExample(tx nb.Tx, cs *nb.Case) (intake.Example, bool, error) {
	text := strings.TrimSpace(cs.Text)
	if text == "" {
		return intake.Example{}, false, nil
	}
	ex := intake.Example{Text: text, Concern: 1, Urgent: -1, Category: cs.Category}
	if cs.Stage != nb.StageTopic && cs.Stage != nb.StageDismissed {
		return ex, true, nil
	}
	evs, err := tx.ListEvents(cs.ID)
	if err != nil {
		return intake.Example{}, false, err
	}
	h := readHistory(evs)
	if !h.categorySure {
		ex.Category = ""
	}
	switch {
	case cs.Stage == nb.StageTopic:
		return ex, h.recategorized, nil
	case h.closedBy == nb.ActionDismiss && DismissalTeachesNotReport(h.closeNote),
		h.closedBy == nb.ActionWithdraw && withdrawalIsCorrection(h.closeNote, cs.Priority == nb.PriorityUrgent):
		return intake.Example{Text: text, Concern: 0, Urgent: -1}, true, nil
	case h.closedBy == nb.ActionDismiss:
		return ex, true, nil
	default: // withdrawn as over, or closed with no event to say how
		return ex, h.categorySure, nil
	}
}

// history is what a case's events say about its decisions.
type history struct {
	recategorized bool      // an officer set its category (#分类)
	categorySure  bool      // an officer confirmed or set its category
	closedBy      nb.Action // the last dismissal or withdrawal, if any
	closeNote     string    // its reason or the reporter's words
}

func readHistory(evs []*nb.Event) history {
	var h history
	for _, ev := range evs {
		switch a := nb.Action(ev.Kind); a {
		case nb.ActionCategory:
			h.recategorized, h.categorySure = true, true
		case nb.ActionConfirm:
			h.categorySure = true
		case nb.ActionDismiss, nb.ActionWithdraw:
			h.closedBy, h.closeNote = a, ev.Note
		}
	}
	return h
}
