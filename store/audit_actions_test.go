package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

// TestAuditActionsListed reads the store's code for every action it writes
// to the audit log (the action argument of audit, auditOnly and
// auditAccount, and the actions of the statements that insert into
// audit_log themselves) and checks that AuditActions lists it, so the desk
// has a name for every action it can show. A part known only at run time
// (a record's kind, a suggestion's status) is a wildcard that must match
// a listed action.
func TestAuditActionsListed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	code := source{funcs: map[string]*ast.FuncDecl{}}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
				code.funcs[fn.Name.Name] = fn
			}
		}
	}
	found := map[string]string{} // action or pattern -> where it is written
	for _, fn := range code.funcs {
		if fn.Name.Name == "audit" || fn.Name.Name == "auditAccount" {
			continue // they pass their callers' actions on
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && len(call.Args) > 2 &&
				(sel.Sel.Name == "audit" || sel.Sel.Name == "auditOnly" || sel.Sel.Name == "auditAccount") {
				for _, a := range code.eval(call.Args[2], fn, 0) {
					found[a] = fset.Position(call.Pos()).String()
				}
			}
			if insertsAudit(call) && fn.Name.Name != "auditOnly" {
				// A statement of its own: its action is a literal argument or the variable action.
				for _, arg := range call.Args {
					if s, ok := literal(arg); ok && isAction(s) {
						found[s] = fset.Position(call.Pos()).String()
					}
				}
				for _, a := range code.eval(ast.NewIdent("action"), fn, 0) {
					found[a] = fset.Position(call.Pos()).String()
				}
			}
			return true
		})
	}
	if len(found) < 40 {
		t.Fatalf("found only %d actions in the store's code: the reading misses some", len(found))
	}
	listed := store.AuditActions()
	for a, where := range found {
		if !slices.ContainsFunc(listed, func(l string) bool { ok, _ := path.Match(a, l); return ok }) {
			t.Errorf("%s writes the audit action %q, which store.AuditActions does not list", where, a)
		}
	}
}

// source is the store's code: its functions by name.
type source struct{ funcs map[string]*ast.FuncDecl }

// eval gives the strings expr can be in fn, "*" for a part known only at
// run time; a parameter is followed to the calls of fn.
func (s source) eval(expr ast.Expr, fn *ast.FuncDecl, depth int) []string {
	if depth > 4 {
		return []string{"*"}
	}
	switch e := expr.(type) {
	case *ast.BasicLit:
		if v, ok := literal(e); ok {
			return []string{v}
		}
	case *ast.ParenExpr:
		return s.eval(e.X, fn, depth)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			var out []string
			for _, x := range s.eval(e.X, fn, depth) {
				for _, y := range s.eval(e.Y, fn, depth) {
					out = append(out, x+y)
				}
			}
			return out
		}
	case *ast.Ident:
		var out []string
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == e.Name {
					out = append(out, s.eval(as.Rhs[i], fn, depth+1)...)
				}
			}
			return true
		})
		if len(out) > 0 {
			return out
		}
		if i := paramIndex(fn, e.Name); i >= 0 {
			for _, caller := range s.funcs {
				ast.Inspect(caller.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == fn.Name.Name && i < len(call.Args) {
						out = append(out, s.eval(call.Args[i], caller, depth+1)...)
					}
					return true
				})
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return []string{"*"}
}

// paramIndex is the position of fn's parameter name, or -1.
func paramIndex(fn *ast.FuncDecl, name string) int {
	i := 0
	for _, f := range fn.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == name {
				return i
			}
			i++
		}
	}
	return -1
}

func literal(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}

// insertsAudit reports whether call runs a statement that inserts into audit_log.
func insertsAudit(call *ast.CallExpr) bool {
	in := false
	ast.Inspect(call, func(n ast.Node) bool {
		if v, ok := literal2(n); ok && strings.Contains(v, "INSERT INTO audit_log") {
			in = true
		}
		return !in
	})
	return in
}

func literal2(n ast.Node) (string, bool) {
	e, ok := n.(ast.Expr)
	if !ok {
		return "", false
	}
	return literal(e)
}

// isAction reports whether s looks like an action: words joined by dots.
func isAction(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz_") != "" {
			return false
		}
	}
	return true
}
