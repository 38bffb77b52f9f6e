package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// dispatchedVerbs reads the verbs dispatch handles from main.go's source.
func dispatchedVerbs(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		fn, ok := n.(*ast.FuncDecl)
		if ok && fn.Name.Name != "dispatch" {
			return false
		}
		if cc, ok := n.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					names = append(names, s)
				}
			}
		}
		return true
	})
	return names
}

func TestEveryVerbHasHelp(t *testing.T) {
	cases := dispatchedVerbs(t)
	if len(cases) < 10 {
		t.Fatalf("found only %v in dispatch", cases)
	}
	for _, name := range cases {
		if _, ok := findVerb(name); !ok {
			t.Errorf("verb %q has no entry in help.go's verbs", name)
		}
	}
	for _, v := range verbs {
		if !slices.Contains(cases, v.name) {
			t.Errorf("help.go describes %q, which dispatch does not handle", v.name)
		}
		if !strings.Contains(v.text, "Example") || !strings.HasPrefix(v.text, "neighborbot "+v.name) {
			t.Errorf("%s: the help starts with the verb's form and has an example: %q", v.name, v.text)
		}
		code, out, errOut := cli(t, nil, "help", v.name)
		if code != 0 || !strings.Contains(out, v.summary) || errOut != "" {
			t.Errorf("help %s: %d %q %q", v.name, code, out, errOut)
		}
		if v.name == "version" || v.name == "help" {
			continue
		}
		code, out, errOut = cli(t, nil, v.name, "-h")
		if code != 0 || !strings.Contains(out, "Example") || errOut != "" {
			t.Errorf("%s -h: code %d, out %q, err %q", v.name, code, out, errOut)
		}
	}
}

func TestHelpListsTheVerbs(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help", "help"} {
		code, out, errOut := cli(t, nil, arg)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: %d %q", arg, code, errOut)
		}
		for _, v := range verbs {
			if !strings.Contains(out, "  "+v.name+" ") {
				t.Errorf("%s does not list %s:\n%s", arg, v.name, out)
			}
		}
	}
	code, out, _ := cli(t, nil, "unit", "add", "-h")
	if code != 0 || !strings.Contains(out, "-kind") || !strings.Contains(out, "-parent") {
		t.Errorf("unit add -h lists its flags: %q", out)
	}
	if code, out, _ := cli(t, nil, "--version"); code != 0 || !strings.HasPrefix(out, "neighborbot ") {
		t.Errorf("--version: %d %q", code, out)
	}
}

func TestUsageErrorsSayItOnce(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		first, fix string
	}{
		{[]string{"unit", "add", "-nope"}, "neighborbot: flag provided but not defined: -nope", "neighborbot help unit"},
		{[]string{"-nope"}, "neighborbot: flag provided but not defined: -nope", "neighborbot help run"},
		{[]string{"backup"}, "neighborbot: -out FILE is required", "neighborbot help backup"},
		{[]string{"train", "-x"}, "neighborbot: flag provided but not defined: -x", "neighborbot help train"},
		{[]string{"inbox", "retry", "abc"}, `"abc" is not a message id`, "neighborbot help inbox"},
		{[]string{"fly"}, `neighborbot: unknown command "fly"`, "neighborbot help'"},
		{[]string{"help", "fly"}, `neighborbot: no verb "fly"`, "neighborbot help'"},
	} {
		code, out, errOut := cli(t, nil, tc.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != 2 || out != "" || len(lines) != 2 || !strings.Contains(lines[0], tc.first) || !strings.Contains(lines[1], tc.fix) {
			t.Errorf("%v: code %d, stdout %q, want two lines (%q, a hint with %q), got:\n%s", tc.args, code, out, tc.first, tc.fix, errOut)
		}
	}
}

// TestBashCompletion runs the completion script in bash, where bash is
// installed: the first word completes to the verbs.
func TestBashCompletion(t *testing.T) {
	code, script, errOut := cli(t, nil, "completion", "bash")
	if code != 0 {
		t.Fatalf("completion bash: %d %q", code, errOut)
	}
	if code, _, _ := cli(t, nil, "completion", "fish"); code != 2 {
		t.Errorf("completion fish is a usage error")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	test := script + `COMP_WORDS=(neighborbot in); COMP_CWORD=1; _neighborbot; echo "${COMPREPLY[*]}"`
	out, err := exec.Command(bash, "-c", test).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "init invite inbox" {
		t.Errorf("completing \"in\": %q, %v", out, err)
	}
}
