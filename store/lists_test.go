package store

import "testing"

func TestJSONList(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []string
		want   string
		fails  bool
	}{
		{"none", nil, `[]`, false},
		{"in their order", []string{"b", "a", "b"}, `["b","a","b"]`, false},
		{"quotes and other scripts", []string{`a"b`, "重庆市", `\`}, `["a\"b","重庆市","\\"]`, false},
		{"text that is not UTF-8", []string{"ok", "\xff"}, "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := jsonList(c.values)
			if (err != nil) != c.fails || got != c.want {
				t.Fatalf("jsonList(%q) = %q, %v", c.values, got, err)
			}
		})
	}
}
