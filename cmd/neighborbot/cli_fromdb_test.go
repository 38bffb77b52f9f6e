package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// TestTrainAndEvalFromDB: a community retrains from its officers' and
// reporters' decisions with two commands.
func TestTrainAndEvalFromDB(t *testing.T) {
	if raceEnabled {
		// Training is one goroutine; under the race detector it took over
		// ten minutes on a loaded 2-core machine. .ci/run runs it without.
		t.Skip("trains on the whole built-in corpus: run without -race")
	}
	path := seededDB(t, func(add addCase, decide decideCase) {
		decide(add("群里好安静 是不是都在睡觉", nb.StageDismissed, "物业服务"), nb.ActionDismiss, "不是报事")
		decide(add("困在被窝里出不来了 冬天太难了", nb.StageDismissed, "电梯"), nb.ActionDismiss, "闲聊")
		decide(add("没事了 是我家的猫", nb.StageDismissed, "宠物"), nb.ActionWithdraw, "发错了 不是报事")
		decide(add("8号楼下水道堵了，污水冒出来了", nb.StageDismissed, "环境卫生"), nb.ActionDismiss, "不属于社区管理范围")
		decide(add("6号楼水管漏水了", nb.StageDismissed, "房屋维修"), nb.ActionWithdraw, "没事了 修好了") // over: left out
		add("东门的门禁又坏了 刷卡没反应", nb.StageIssue, "公共设施")
		add("垃圾站三天没清了", nb.StageProject, "环境卫生")
		add("楼上天天半夜剁肉", nb.StageClosed, "噪音扰民")
		add("快递柜那边的灯坏了", nb.StageTopic, "公共设施") // nobody decided: left out
		decide(add("楼下的烧烤店油烟往窗户里灌", nb.StageTopic, "环境卫生"), nb.ActionCategory, "房屋维修 → 环境卫生")
	})
	env := map[string]string{"NEIGHBORBOT_DB": path}
	model := filepath.Join(t.TempDir(), "community.gob.gz")
	code, out, errOut := cli(t, env, "train", "-from-db", "-out", model)
	if code != 0 || !strings.Contains(out, "8 recorded decisions (3 not a concern, 5 concerns)") ||
		!strings.Contains(out, "held-out check: a model trained without 1 of the 8 decisions scored on them: concern precision") {
		t.Fatalf("train -from-db: code %d\n%s%s", code, out, errOut)
	}
	if !strings.HasPrefix(errOut, "training on the built-in corpus plus 8 recorded decisions (3 not a concern, 5 concerns), then a second model for the held-out check: about a minute") {
		t.Errorf("train -from-db must say it is training and for how long before it starts: %q", errOut)
	}
	code, out, errOut = cli(t, env, "eval", "-from-db", "-model", model, "-json")
	if code != 0 {
		t.Fatalf("eval -from-db: %s%s", out, errOut)
	}
	var rep struct {
		N         int `json:"n"`
		CategoryN int `json:"category_n"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.N != 8 || rep.CategoryN != 4 {
		t.Fatalf("eval -from-db -json: %v\n%s", err, out)
	}
	code, out, errOut = cli(t, env, "model")
	if code != 0 || !strings.Contains(out, "model: embedded") || !strings.Contains(out, "on 8 recorded decisions") ||
		!strings.Contains(out, "trained from: built-in corpus (") || !strings.Contains(out, "held-out check at training: none") {
		t.Errorf("model: code %d\n%s%s", code, out, errOut)
	}
	// the community's model says when and from what it was trained, and
	// how it scored then
	cfg := filepath.Join(t.TempDir(), "nb.yaml")
	if err := os.WriteFile(cfg, []byte("intake:\n  model: "+model+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, env, "model", "-config", cfg)
	trained := regexp.MustCompile(`\+ 8 recorded decisions \(3 not a concern, 5 concerns\), each counted 5 times; trained 20\d\d-\d\d-\d\d \d\d:\d\d UTC`)
	if code != 0 || !trained.MatchString(out) ||
		!strings.Contains(out, "held-out check at training: a model trained without 1 of the 8 decisions scored on them") {
		t.Errorf("model with the retrained file: code %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := cli(t, env, "train", "-from-db", "-since", "yesterday", "-out", model); code != 2 {
		t.Errorf("a bad -since must be a usage error, got code %d", code)
	}
}

// TestEvalFileUsesConfiguredModel: `eval -data FILE` takes -config like
// every verb and scores the configured model (intake.model), as the bot
// reads, unless -model names another.
func TestEvalFileUsesConfiguredModel(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "mine.tsv")
	if err := os.WriteFile(data, []byte("text\tconcern\tcategory\n3号楼电梯又坏了 老人上不去\t1\t电梯\n大家周末愉快\t0\t\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "nb.yaml")
	if err := os.WriteFile(cfg, []byte("intake:\n  model: missing.gob.gz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, nil, "eval", "-data", data, "-config", cfg)
	if code != 1 || !strings.Contains(errOut, "missing.gob.gz") {
		t.Errorf("eval -data must load the configured model: code %d, %q", code, errOut)
	}
	code, out, errOut := cli(t, map[string]string{"NEIGHBORBOT_CONFIG": cfg}, "eval", "-data", data, "-model", "", "-json")
	if code != 1 {
		t.Errorf("an empty -model keeps the configured one: code %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := cli(t, nil, "eval", "-data", data); code != 0 || !strings.Contains(out, "messages: 2") {
		t.Errorf("eval -data with the embedded model: code %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := cli(t, nil, "train", "-data", data, "-out", filepath.Join(dir, "m.gob.gz"), "-config", filepath.Join(dir, "none.yaml")); code != 1 || !strings.Contains(errOut, "none.yaml") {
		t.Errorf("train -data takes -config: code %d, %s%s", code, out, errOut)
	}
	for _, args := range [][]string{{"eval"}, {"eval", "-data", data, "-from-db"}, {"eval", "-data", data, "-since", "2026-01-01"}} {
		if code, _, _ := cli(t, nil, args...); code != 2 {
			t.Errorf("%q: code %d, want 2 (usage)", args, code)
		}
	}
}

// addCase reports a case in one group; decideCase records an officer's or
// its reporter's decision on it (an event with a note).
type (
	addCase    func(text string, stage nb.Stage, category string) *nb.Case
	decideCase func(cs *nb.Case, a nb.Action, note string)
)

// seededDB is a new database file holding the cases seed adds and decides.
func seededDB(t *testing.T, seed func(addCase, decideCase), opts ...store.Option) string {
	t.Helper()
	path := tempDB(t)
	ctx := context.Background()
	db, err := store.Open(ctx, path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx nb.Tx) error {
		chat := &nb.Chat{Platform: nb.PlatformSandbox, ExternalID: "g", Kind: nb.ChatGroup, Title: "g"}
		if err := tx.EnsureChat(chat); err != nil {
			return err
		}
		p, err := tx.EnsurePerson(nb.PlatformSandbox, "r", "r")
		if err != nil {
			return err
		}
		seed(func(text string, stage nb.Stage, category string) *nb.Case {
			cs := &nb.Case{Stage: stage, Text: text, Category: category, Priority: nb.PriorityGeneral, ChatID: chat.ID, ReporterID: p.ID, ReportMsg: text}
			if err := tx.CreateCase(cs); err != nil {
				t.Fatal(err)
			}
			return cs
		}, func(cs *nb.Case, a nb.Action, note string) {
			if err := tx.AppendEvent(&nb.Event{CaseID: cs.ID, Kind: nb.EventKind(a), ActorID: p.ID,
				FromStage: nb.StageTopic, ToStage: cs.Stage, Note: note, CreatedAt: cs.CreatedAt}); err != nil {
				t.Fatal(err)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFromDBFlagsFailFast: the CLI's mistakes found in a walkthrough — a
// model path that cannot be written is refused before training, a -model
// that does not load is blamed on the flag (not the configuration), and
// -since with no decisions after it says so.
func TestFromDBFlagsFailFast(t *testing.T) {
	path := seededDB(t, func(add addCase, decide decideCase) {
		decide(add("群里好安静 是不是都在睡觉", nb.StageDismissed, ""), nb.ActionDismiss, "不是报事")
		add("垃圾站三天没清了", nb.StageProject, "环境卫生")
	})
	env := map[string]string{"NEIGHBORBOT_DB": path}
	noDir := filepath.Join(t.TempDir(), "no", "dir", "m.gob.gz")
	for _, args := range [][]string{{"train", "-from-db", "-out", noDir}, {"train", "-data", "nosuch.tsv", "-out", noDir}} {
		code, out, errOut := cli(t, env, args...)
		if code != 1 || !strings.Contains(errOut, "cannot write the model to "+noDir) || strings.Contains(errOut, "training on") {
			t.Errorf("%q: must refuse the path before training: code %d, %s%s", args, code, out, errOut)
		}
	}
	dir := t.TempDir()
	if code, _, errOut := cli(t, env, "train", "-from-db", "-out", dir); code != 1 || !strings.Contains(errOut, "is a folder") {
		t.Errorf("train -out FOLDER: code %d, %s", code, errOut)
	}
	kept := filepath.Join(dir, "kept.gob.gz")
	if err := os.WriteFile(kept, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkWritable(kept); err != nil {
		t.Errorf("an existing file: %v", err)
	}
	if b, _ := os.ReadFile(kept); string(b) != "old" {
		t.Errorf("checking changed an existing file: %q", b)
	}
	fresh := filepath.Join(dir, "fresh.gob.gz")
	if err := checkWritable(fresh); err != nil {
		t.Errorf("a new file: %v", err)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Errorf("checking left %s behind", fresh)
	}

	code, out, errOut := cli(t, env, "eval", "-from-db", "-model", "nosuch.gob.gz")
	if code != 1 || !strings.Contains(errOut, "-model: ") || !strings.Contains(errOut, "nosuch.gob.gz") || strings.Contains(errOut, "intake.model") {
		t.Errorf("eval -model nosuch: must blame the flag: code %d, %s%s", code, out, errOut)
	}
	code, out, errOut = cli(t, env, "understand", "-model", "nosuch.gob.gz", "电梯坏了")
	if code != 1 || !strings.Contains(errOut, "-model: ") || strings.Contains(errOut, "intake.model") {
		t.Errorf("understand -model nosuch: must blame the flag: code %d, %s%s", code, out, errOut)
	}
	for _, verb := range [][]string{{"eval", "-from-db"}, {"train", "-from-db", "-out", filepath.Join(dir, "m.gob.gz")}} {
		code, out, errOut = cli(t, env, append(verb, "-since", "2030-01-01")...)
		if code != 1 || !strings.Contains(errOut, "no decisions recorded on cases reported since 2030-01-01") {
			t.Errorf("%q -since 2030-01-01: code %d, %s%s", verb, code, out, errOut)
		}
	}
}

// TestSinceIsTheCommunitysDay: -since names a day in the configured
// timezone, not the machine's: a case reported at 01:00 on 2 March there
// is in "-since 2026-03-02", one at 23:00 on 1 March is not.
func TestSinceIsTheCommunitysDay(t *testing.T) {
	const zone = "Pacific/Kiritimati" // UTC+14: unlike any test machine's zone
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 3, 1, 23, 0, 0, 0, loc)
	path := seededDB(t, func(add addCase, decide decideCase) {
		decide(add("群里好安静 是不是都在睡觉", nb.StageDismissed, ""), nb.ActionDismiss, "不是报事")
		now = now.Add(2 * time.Hour) // 01:00 on 2 March there
		add("垃圾站三天没清了", nb.StageProject, "环境卫生")
	}, store.WithClock(func() time.Time { return now }))
	cfg := filepath.Join(t.TempDir(), "nb.yaml")
	if err := os.WriteFile(cfg, []byte("timezone: "+zone+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEIGHBORBOT_DB": path, "NEIGHBORBOT_CONFIG": cfg}
	code, out, errOut := cli(t, env, "eval", "-from-db", "-since", "2026-03-02")
	if code != 0 || !strings.Contains(out, "recorded decisions: 1 (0 not a concern, 1 concern)") {
		t.Errorf("eval -since 2026-03-02 in %s: code %d, %s%s", zone, code, out, errOut)
	}
}

// TestTrainingNotice: train -from-db promises the held-out check's second
// model only when there are decisions enough to hold some out.
func TestTrainingNotice(t *testing.T) {
	exs := make([]intake.Example, 4)
	if got := trainingNotice(exs); strings.Contains(got, "held-out") || !strings.HasSuffix(got, "about a minute…") {
		t.Errorf("4 decisions: %q", got)
	}
	if got := trainingNotice(append(exs, intake.Example{Concern: 1})); !strings.Contains(got, "then a second model for the held-out check: about a minute…") {
		t.Errorf("5 decisions: %q", got)
	}
}

// TestTally: one decision is counted in the singular.
func TestTally(t *testing.T) {
	if got := tally([]intake.Example{{Concern: 1}}); got != "0 not a concern, 1 concern" {
		t.Errorf("tally of one concern = %q", got)
	}
	if got := trainingNotice([]intake.Example{{Concern: 0}}); !strings.HasPrefix(got, "training on the built-in corpus plus 1 recorded decision (1 not a concern, 0 concerns):") {
		t.Errorf("one decision: %q", got)
	}
}
