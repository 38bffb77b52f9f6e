package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalReproducesHeldOutTargets runs `neighborbot eval --json` on the
// project's held-out split (all held-out files together) and checks the
// targets of the understanding issue.
func TestEvalReproducesHeldOutTargets(t *testing.T) {
	for _, data := range []string{heldOutSplit(t)} {
		code, out, errOut := cli(t, nil, "eval", "-data", data, "-json")
		if code != 0 {
			t.Fatalf("eval %s: %s", data, errOut)
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("eval --json is not one JSON object: %v\n%s", err, out)
		}
		// the bounds of intake's TestDefaultModelHeldOutTargets (location: the guideline of testdata/README.md)
		targets := map[string]float64{"concern_f1": 0.95, "macro_f1": 0.90, "location_recall": 0.90, "location_exact": 0.85, "urgent_recall": 0.95}
		for key, min := range targets {
			if v, _ := r[key].(float64); v < min {
				t.Errorf("%s: %s = %v, target %.2f", data, key, r[key], min)
			}
		}
		if v, _ := r["msgs_per_sec"].(float64); v <= 0 {
			t.Errorf("%s: msgs_per_sec missing", data)
		}
	}
}

// TestUnderstandPrintsJSONLines checks the admin's view of how the bot reads messages.
func TestUnderstandPrintsJSONLines(t *testing.T) {
	var out strings.Builder
	code := Main(t.Context(), []string{"understand"}, IO{In: strings.NewReader("3栋电梯又坏了 老人上不去 急\n大家早上好\n"),
		Out: &out, Err: &out, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("understand: %s", out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per message: %q", out.String())
	}
	var r struct {
		Concern  bool     `json:"concern"`
		Category string   `json:"category"`
		Location []string `json:"location"`
		Urgent   bool     `json:"urgent"`
		Ack      *bool    `json:"ack"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil || !r.Concern || r.Category != "电梯" || len(r.Location) == 0 || r.Location[0] != "3栋" {
		t.Fatalf("first line: %s (%v)", lines[0], err)
	}
	if r.Ack == nil || !*r.Ack {
		t.Errorf("a clear report must be acknowledged: %s", lines[0])
	}
	r.Ack = nil
	if err := json.Unmarshal([]byte(lines[1]), &r); err != nil || r.Concern || r.Ack == nil || *r.Ack {
		t.Fatalf("chit-chat read as a concern or acknowledged: %s", lines[1])
	}
}

// TestUnderstandReadsArguments: `neighborbot understand "message" …` reads
// each argument as one message (a line break inside one joins its lines),
// and leaves standard input alone.
func TestUnderstandReadsArguments(t *testing.T) {
	var out strings.Builder
	code := Main(t.Context(), []string{"understand", "-model", "", "3栋电梯又坏了\n老人上不去", "大家早上好"},
		IO{In: strings.NewReader("not read\n"), Out: &out, Err: &out, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("understand: %s", out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per argument: %q", out.String())
	}
	var r struct {
		Text    string `json:"text"`
		Concern bool   `json:"concern"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil || r.Text != "3栋电梯又坏了 老人上不去" || !r.Concern {
		t.Errorf("first argument: %s (%v)", lines[0], err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &r); err != nil || r.Text != "大家早上好" || r.Concern {
		t.Errorf("second argument: %s (%v)", lines[1], err)
	}
}

// TestUnderstandAckUsesTheConfiguredThreshold: `ack` says what the bot
// would do with the configured intake.ack_threshold.
func TestUnderstandAckUsesTheConfiguredThreshold(t *testing.T) {
	cfgPath := filepath.Join(t.TempDir(), "nb.yaml")
	if err := os.WriteFile(cfgPath, []byte("intake:\n  ack_threshold: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	code := Main(t.Context(), []string{"understand", "-config", cfgPath}, IO{In: strings.NewReader("3栋电梯又坏了 老人上不去 急\n"),
		Out: &out, Err: &out, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("understand: %s", out.String())
	}
	var r struct {
		Concern bool  `json:"concern"`
		Ack     *bool `json:"ack"`
	}
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil || !r.Concern || r.Ack == nil || *r.Ack {
		t.Errorf("with ack_threshold 1 a report is registered but not acknowledged: %s", out.String())
	}
}

// heldOutSplit joins the held-out files (intake/testdata/README.md), which
// share one header, into one TSV file and returns its path.
func heldOutSplit(t *testing.T) string {
	files, err := filepath.Glob("../../intake/testdata/*heldout*.tsv")
	if err != nil || len(files) < 2 {
		t.Fatalf("held-out files: %v %v", files, err)
	}
	var all strings.Builder
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		header, body, _ := strings.Cut(string(b), "\n")
		if i == 0 {
			all.WriteString(header + "\n")
		}
		all.WriteString(strings.TrimRight(body, "\n") + "\n")
	}
	path := filepath.Join(t.TempDir(), "heldout.tsv")
	if err := os.WriteFile(path, []byte(all.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestUnderstandUsesTheConfiguredTaxonomy: the categories of the config
// file reach the model, as in the running bot.
func TestUnderstandUsesTheConfiguredTaxonomy(t *testing.T) {
	cfgPath := filepath.Join(t.TempDir(), "nb.yaml")
	yaml := `categories:
  - name: 电梯
    keywords: [电梯, 困人]
    owner_kind: partner
    priority: complex
  - name: 充电桩
    keywords: [充电桩, 充电]
    owner_kind: partner
    priority: general
  - name: 其他诉求
    priority: general
`
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	code := Main(t.Context(), []string{"understand", "-config", cfgPath}, IO{
		In: strings.NewReader("小区的充电桩坏了 电动车没法充电\n5号楼电梯按钮失灵了\n"), Out: &out, Err: &out,
		Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("understand: %s", out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var first, second struct {
		Category string `json:"category"`
		Priority string `json:"priority"`
	}
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || json.Unmarshal([]byte(lines[1]), &second) != nil {
		t.Fatalf("output: %q", out.String())
	}
	if first.Category != "充电桩" {
		t.Errorf("a configured category with two keyword hits must win: %s", lines[0])
	}
	if second.Category != "电梯" || second.Priority != "complex" {
		t.Errorf("the configured priority of 电梯 must apply: %s", lines[1])
	}
}
