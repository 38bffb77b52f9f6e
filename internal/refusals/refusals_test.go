package refusals

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// TestEveryRefusalIsTranslated reads the refusals the domain, the case
// service and the officers' desk can give a person (nb.Errorf with a
// literal message in the packages neighborbot, cases and web) and wants each
// translated, with as
// many numbers in each translation as in the message. Refusals with other
// arguments (%s, %q) are answered by handlers of their own.
func TestEveryRefusalIsTranslated(t *testing.T) {
	for _, format := range domainRefusals(t, "../..", "../../cases", "../../web") {
		if strings.ContainsAny(strings.ReplaceAll(format, "%d", ""), "%") {
			continue
		}
		key := number.ReplaceAllLiteralString(strings.ReplaceAll(format, "%d", "0"), "%d")
		tr, ok := texts[format]
		if !ok {
			tr, ok = texts[key]
		}
		if !ok {
			t.Errorf("no translation of the refusal %q", format)
			continue
		}
		for l, text := range tr {
			if len(numberVerb.FindAllString(text, -1)) != strings.Count(format, "%d") {
				t.Errorf("%q: translation %d %q has another count of numbers", format, l, text)
			}
		}
	}
}

// numberVerb is a number's place in a format, in order (%d) or not (%[2]d).
var numberVerb = regexp.MustCompile(`%(\[\d+\])?d`)

// domainRefusals returns the literal formats of the Errorf calls in the
// non-test Go files of dirs.
func domainRefusals(t *testing.T, dirs ...string) []string {
	var formats []string
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				if format, ok := errorfFormat(n); ok {
					formats = append(formats, format)
				}
				return true
			})
		}
	}
	if len(formats) < 20 {
		t.Fatalf("found only %d refusals: %q", len(formats), formats)
	}
	return formats
}

// errorfFormat is the literal format of an Errorf(code, "…", …) call.
func errorfFormat(n ast.Node) (string, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) < 2 {
		return "", false
	}
	name := ""
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		name = fn.Sel.Name
	}
	lit, ok := call.Args[1].(*ast.BasicLit)
	if name != "Errorf" || !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// TestRefusalTextPutsNumbersBack: the numbers of the domain's message come
// back in the translation, in both languages; an untranslated refusal is
// shown as it is.
func TestRefusalTextPutsNumbersBack(t *testing.T) {
	err := nb.Errorf(nb.EFORBIDDEN, "only the reporter of #%d may withdraw it", 42)
	if got := Text(err, false); got != "只有 #42 的反映人可以撤回。" {
		t.Errorf("zh: %q", got)
	}
	if got := Text(err, true); got != "Only the reporter of #42 may withdraw it." {
		t.Errorf("en: %q", got)
	}
	err = nb.Errorf(nb.EINVALID, "an extension needs a duration such as 3天 or 3d")
	if got := Text(err, false); !strings.Contains(got, "请写上延长多久") {
		t.Errorf("a fixed number in the message: %q", got)
	}
	err = nb.Errorf(nb.EINVALID, "something new %d", 7)
	if got := Text(err, false); got != "something new 7" {
		t.Errorf("untranslated: %q", got)
	}
}

// TestRefusalsSayNin: a refusal addresses the person as 您, as the chat's
// texts do, never as 你.
func TestRefusalsSayNin(t *testing.T) {
	for msg, text := range texts {
		if strings.Contains(text[0], "你") {
			t.Errorf("%s: %q says 你", msg, text[0])
		}
	}
}
