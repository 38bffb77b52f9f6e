package neighborbot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// typedKeys are log keys whose values would be what people typed: message
// texts, people's names, sandbox chat keys (group titles).
var typedKeys = map[string]bool{`"text"`: true, `"name"`: true, `"sender_name"`: true, `"chat_key"`: true, `"body"`: true}

// Errors are logged under one key, "err", everywhere (operators filter on
// it): no log call of the module's code passes the key "error", nor a key
// that would carry what people typed.
func TestLogsUseErrKey(t *testing.T) {
	logCalls := map[string]bool{"Debug": true, "Info": true, "Warn": true, "Error": true, "With": true,
		"DebugContext": true, "InfoContext": true, "WarnContext": true, "ErrorContext": true, "Log": true}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !logCalls[sel.Sel.Name] {
				return true
			}
			for _, a := range call.Args[min(1, len(call.Args)):] {
				if lit, ok := a.(*ast.BasicLit); ok && lit.Value == `"error"` {
					t.Errorf("%s: log key \"error\": use \"err\"", fset.Position(lit.Pos()))
				}
				if lit, ok := a.(*ast.BasicLit); ok && typedKeys[lit.Value] {
					t.Errorf("%s: log key %s: what people type (texts, names) stays out of logs", fset.Position(lit.Pos()), lit.Value)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
