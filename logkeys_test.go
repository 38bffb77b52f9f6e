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

// Errors are logged under one key, "err", everywhere (operators filter on
// it): no log call of the module's code passes the key "error".
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
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
