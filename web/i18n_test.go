package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

var placeholder = regexp.MustCompile(`\{\{\s*\.([A-Za-z]+)\s*\}\}`)

func messages(t *testing.T, lang string) map[string]string {
	t.Helper()
	more, _ := filepath.Glob(filepath.Join("ui", "locales", "*."+lang+".json"))
	m := map[string]string{}
	for _, f := range append([]string{filepath.Join("ui", "locales", lang+".json")}, more...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]string
		if err := json.Unmarshal(raw, &part); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				t.Errorf("%s: %s is also in another file of %s", f, k, lang)
			}
			m[k] = v
		}
	}
	return m
}

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestLocales checks that every language has every message, with the same
// placeholders as English, and that every key the code uses exists.
func TestLocales(t *testing.T) {
	t.Parallel()
	en := messages(t, "en")
	for _, l := range web.Languages[1:] {
		other := messages(t, l.Code)
		for k, v := range en {
			tr, ok := other[k]
			if !ok {
				t.Errorf("%s: %s is not translated", l.Code, k)
				continue
			}
			if !slices.Equal(placeholders(v), placeholders(tr)) {
				t.Errorf("%s: %s has placeholders %v, English %v", l.Code, k, placeholders(tr), placeholders(v))
			}
		}
		for k := range other {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %s is not an English message", l.Code, k)
			}
		}
	}
	// Keys named literally in templates and Go code, and those package entry returns.
	used := map[string]bool{}
	literal := regexp.MustCompile(`(?:\.T|[tT]ranslate\([^,]+,|Errorf\([^,]+,|invalid\(|reason\() ?"([a-z_]+\.[a-z_.]*[a-z_])"`)
	files, _ := filepath.Glob("ui/templates/*.html")
	more, _ := filepath.Glob("ui/templates/partials/*.html")
	var gofiles []string
	for _, dir := range []string{".", "ui", "site", "desk", "api", "../appointments", "../registrations", "../outbox", "../booking", "../events", "../mrz", "../casework", "../applications", "../dataset", "../uploads", "../seal", "../documents"} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		gofiles = append(gofiles, fs...)
	}
	for _, f := range slices.Concat(files, more, gofiles) {
		raw, _ := os.ReadFile(f)
		for _, m := range literal.FindAllStringSubmatch(string(raw), -1) {
			used[m[1]] = true
		}
	}
	listed, err := os.ReadFile(filepath.Join("..", "entry", "MESSAGES.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^((?:error|entry)\.[a-z_.]+) — `).FindAllStringSubmatch(string(listed), -1) {
		used[m[1]] = true
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in use; the pattern no longer matches the code", len(used))
	}
	for k := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is used but has no English message", k)
		}
	}
}
