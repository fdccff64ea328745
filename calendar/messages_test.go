package calendar_test

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

var (
	keyLiteral  = regexp.MustCompile(`"((?:calendar|error)\.[a-z_.]+)"`)
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
			if ok && (strings.HasPrefix(key, "calendar.") || strings.HasPrefix(key, "error.")) {
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

// TestMessagesListed checks that every key the package's code names is in
// MESSAGES.md and every key there is still used.
func TestMessagesListed(t *testing.T) {
	listed := messages(t)
	used := map[string]bool{}
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
			if _, ok := listed[m[1]]; !ok {
				t.Errorf("%s uses %q, which MESSAGES.md does not list", f.Name(), m[1])
			}
		}
	}
	for key := range listed {
		if !used[key] {
			t.Errorf("MESSAGES.md lists %q, which no code uses", key)
		}
	}
}
