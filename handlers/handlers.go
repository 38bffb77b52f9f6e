// Package handlers holds the chat features: report intake, resident
// commands, officer commands and ratings, one file each. Handlers know the
// domain and the bot engine, never a platform SDK or SQL.
package handlers

import (
	"errors"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/intake"
)

// Understander reads residents' messages (implemented by *intake.Model).
type Understander interface {
	// Understand reads a message; its Result.Retract must be what
	// intake.Retracts says of the text.
	Understand(text string) intake.Result
	// UnderstandReport reads a message its writer says is a report.
	UnderstandReport(text string) intake.Result
	FindDuplicate(r intake.Result, at time.Time, open []intake.OpenCase) (intake.Match, bool)
	AckThreshold() float64
}

// Config is what the handlers need from the configuration.
type Config struct {
	Language        string         // "zh-CN" or "en"
	Location        *time.Location // for times shown to people (default Asia/Shanghai)
	BotUsername     string         // stripped from "/cmd@username"
	Limits          nb.TimeLimits
	DuplicateWindow time.Duration
	MaxReportRunes  int // longer chat messages are not taken as reports
	// OwnerKinds gives, per category, the kind of unit that usually owns its
	// cases (from the taxonomy); "#立项 N" without a unit picks the one unit
	// of that kind when there is exactly one.
	OwnerKinds map[string]nb.UnitKind
	// BasicWeight is the weight of 基本满意 in 满意率 (rating.basic_satisfied_weight).
	BasicWeight float64
	// AutoCloseDays is how long a resolved case waits for a rating (for
	// what the group is told; default 7).
	AutoCloseDays int
	// RedeemLimit bounds wrong invite codes per person and per chat
	// (default nb.DefaultAttemptLimit).
	RedeemLimit nb.AttemptLimit
	// DeskURL is the officers' desk as people reach it (for #登录 links;
	// "" = give the code only); LoginCodeTTL how long its codes last
	// (default 5 minutes).
	DeskURL      string
	LoginCodeTTL time.Duration
	// Cases is the case service every action goes through. Nil: one over
	// the handlers' own phrasebook and Limits, working in the message's
	// transaction (enough for tests).
	Cases nb.CaseService
	// Broadcasts is the broadcast service of ambassadors' and officers'
	// notices. Nil: one with the default policy and no quiet hours.
	Broadcasts *broadcasts.Service
}

// withDefaults fills in what cfg leaves unset.
func (cfg Config) withDefaults() Config {
	if cfg.DuplicateWindow == 0 {
		cfg.DuplicateWindow = 72 * time.Hour
	}
	if cfg.MaxReportRunes == 0 {
		cfg.MaxReportRunes = 500
	}
	if cfg.Location == nil {
		cfg.Location = shanghai()
	}
	if cfg.Limits == (nb.TimeLimits{}) {
		cfg.Limits = nb.DefaultTimeLimits()
	}
	if cfg.RedeemLimit.Max <= 0 {
		cfg.RedeemLimit = nb.DefaultAttemptLimit
	}
	if cfg.AutoCloseDays == 0 {
		cfg.AutoCloseDays = 7
	}
	if cfg.LoginCodeTTL <= 0 {
		cfg.LoginCodeTTL = 5 * time.Minute
	}
	return cfg
}

// Handlers are the chat features.
type Handlers struct {
	u     Understander
	cfg   Config
	l     lang
	words *Phrases
	cases nb.CaseService
	bc    *broadcasts.Service
}

// New returns the handlers.
func New(u Understander, cfg Config) *Handlers {
	cfg = cfg.withDefaults()
	h := &Handlers{u: u, cfg: cfg, l: langFor(cfg.Language), words: NewPhrases(cfg), cases: cfg.Cases}
	if h.cases == nil {
		h.cases = cases.New(nil, h.words, nb.Policy{Limits: cfg.Limits, MaxExtensions: 1})
	}
	if h.bc = cfg.Broadcasts; h.bc == nil {
		h.bc = broadcasts.New(NewNoticeWords(cfg), broadcasts.Policy{Location: cfg.Location})
	}
	return h
}

// userError is an error whose text is meant for the person who sent the
// message; the Errors middleware replies with it.
type userError struct{ key, text string }

func (e *userError) Error() string { return e.text }

// fail returns a userError with the localised text under key.
func (h *Handlers) fail(key string, args ...any) error {
	return &userError{key: key, text: h.l.T(key, args...)}
}

// Errors replies to mistakes a person made (bad command, unknown case,
// not allowed) and passes internal errors on, so that the transaction is
// rolled back and the message retried.
func (h *Handlers) Errors(next bot.HandlerFunc) bot.HandlerFunc {
	return func(c *bot.Context) error {
		err := next(c)
		if err == nil {
			return nil
		}
		var ue *userError
		var te *nb.TransitionError
		// Logged by what went wrong, never by the text: it may repeat what
		// the person typed (a unit name, a report).
		switch {
		case errors.As(err, &ue):
			c.Logger.Info("command refused", "reason", ue.key)
			return c.Reply(ue.text)
		case errors.As(err, &te):
			c.Logger.Info("command refused", "reason", "bad_stage", "case", te.CaseID, "stage", te.Stage, "action", te.Action)
			if te.State == doneState[te.Action] { // withdrawn twice, dismissed twice: calmly, not as a mistake
				return c.Reply(h.l.T("already", te.CaseID, h.l.Name("stage", te.State), h.l.Name("action", te.Action)))
			}
			return c.Reply(h.l.T("bad_stage", te.CaseID, h.l.Name("stage", te.State), h.l.Name("action", te.Action)))
		case nb.ErrorCode(err) != nb.EINTERNAL:
			c.Logger.Info("command refused", "reason", nb.ErrorCode(err))
			return c.Reply(h.l.refusal(err))
		}
		return err
	}
}

// doneState is the state (nb.Case.State) an action leaves a case in, for
// telling a person who takes it again that it is done already.
var doneState = map[nb.Action]string{
	nb.ActionConfirm: string(nb.StageIssue), nb.ActionAccept: string(nb.StageProject),
	nb.ActionDismiss: string(nb.StageDismissed), nb.ActionMerge: string(nb.StageMerged),
	nb.ActionResolve: string(nb.StageResolved), nb.ActionWithdraw: nb.StateWithdrawn,
}

// forbidden is the answer to a resident who tries an officer command;
// one who meant to take their report back (#撤销 is the officers' taking
// back of a role) is shown #撤回.
func (h *Handlers) forbidden(c *bot.Context) error {
	if c.Command != nil && c.Command.Name == "revoke" {
		return c.Reply(h.l.T("officers_only") + "\n" + h.withdrawHint(c))
	}
	return c.Reply(h.l.T("officers_only"))
}

// shanghai is China Standard Time, where NeighborBot's users live.
func shanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*60*60)
}
