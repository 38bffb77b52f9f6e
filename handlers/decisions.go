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
//   - dismissed (驳回, or withdrawn by the reporter): not a concern;
//   - confirmed, accepted or later (确认, 立项 …): a concern of the case's
//     category, which includes any re-category (#分类);
//   - merged into another case: a concern of the case's category;
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
			ex, ok := decisionExample(cs)
			if !ok && cs.Stage == nb.StageTopic && cs.Category != "" {
				if ok, err = recategorized(tx, cs.ID); err != nil {
					return nil, err
				}
				ex = intake.Example{Text: strings.TrimSpace(cs.Text), Concern: 1, Urgent: -1, Category: cs.Category}
			}
			if ok && ex.Text != "" {
				out = append(out, ex)
			}
		}
		if len(cases) < page {
			return out, nil
		}
	}
}

func decisionExample(cs *nb.Case) (intake.Example, bool) {
	text := strings.TrimSpace(cs.Text)
	if text == "" {
		return intake.Example{}, false
	}
	ex := intake.Example{Text: text, Concern: 1, Urgent: -1, Category: cs.Category}
	switch cs.Stage {
	case nb.StageDismissed:
		ex.Concern, ex.Category = 0, ""
	case nb.StageTopic:
		return intake.Example{}, false
	}
	if ex.Concern == 1 && ex.Category == "" {
		return intake.Example{}, false
	}
	return ex, true
}

// recategorized reports whether an officer set the case's category.
func recategorized(tx nb.Tx, caseID int64) (bool, error) {
	evs, err := tx.ListEvents(caseID)
	if err != nil {
		return false, err
	}
	for _, ev := range evs {
		if ev.Kind == nb.EventKind(nb.ActionCategory) {
			return true, nil
		}
	}
	return false, nil
}
