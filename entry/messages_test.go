package entry_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery/entry"
)

var (
	keyLiteral  = regexp.MustCompile(`"((?:entry|error)\.[a-z_.]+)"`)
	placeholder = regexp.MustCompile(`\{\{\.([A-Za-z]+)\}\}`)
	loadOnce    sync.Once
	messageMap  map[string]string
)

// messages reads MESSAGES.md into key -> English sentence.
func messages(t *testing.T) map[string]string {
	t.Helper()
	loadOnce.Do(func() {
		f, err := os.Open("MESSAGES.md")
		if err != nil {
			return
		}
		defer f.Close()
		messageMap = map[string]string{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			key, text, ok := strings.Cut(sc.Text(), " — ")
			if ok && (strings.HasPrefix(key, "entry.") || strings.HasPrefix(key, "error.")) {
				messageMap[key] = text
			}
		}
	})
	if messageMap == nil {
		t.Fatal("cannot read MESSAGES.md")
	}
	return messageMap
}

// checkMessage fails t unless key is listed in MESSAGES.md and data fills
// every placeholder of its sentence.
func checkMessage(t *testing.T, key string, data map[string]any) {
	t.Helper()
	text, ok := messages(t)[key]
	if !ok {
		t.Errorf("message key %q is not in MESSAGES.md", key)
		return
	}
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		if _, ok := data[m[1]]; !ok {
			t.Errorf("message %q needs {{.%s}}, data has %v", key, m[1], data)
		}
	}
}

// checkDecision checks every reason and note of d against MESSAGES.md.
func checkDecision(t *testing.T, d entry.Decision) {
	t.Helper()
	for _, r := range append(append([]entry.Reason{}, d.Reasons...), d.Notes...) {
		checkMessage(t, r.Key, r.Data)
	}
}

// TestMessagesListed keeps MESSAGES.md and the code in step: every key the
// code spells is listed, and every listed key is spelled somewhere.
func TestMessagesListed(t *testing.T) {
	listed := messages(t)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	for key := range used {
		if _, ok := listed[key]; !ok {
			t.Errorf("%s is used in the code but not listed in MESSAGES.md", key)
		}
	}
	for key := range listed {
		if !used[key] {
			t.Errorf("%s is listed in MESSAGES.md but not used in the code", key)
		}
	}
}
