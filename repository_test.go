package chancery_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// maxTrackedFile is the size above which a tracked file is suspect: a build
// output, a database or a profile committed by mistake stays in every clone
// forever, while the product's own sources and data are far smaller.
const maxTrackedFile = 1 << 20

// largeFilesAllowed lists the tracked files that may exceed maxTrackedFile,
// each with the reason the product needs it. Add a path here only for data
// the product ships (never a binary, database dump, profile or coverage
// file, which .gitignore keeps out) and say why.
var largeFilesAllowed = map[string]string{
	// The one TrueType font with Chinese glyphs a PDF can embed (CFF-based
	// Noto CJK cannot be); issued documents carry case type names, refusal
	// reasons and mission addresses staff edit, so no fixed subset serves.
	"paper/fonts/DroidSansFallback.ttf": "Chinese glyphs embedded in issued documents (Apache-2.0)",
}

// TestTrackedFilesAreSmall fails for every file git tracks that is larger
// than maxTrackedFile and not in largeFilesAllowed, and for every allowed
// path that git no longer tracks, so the list stays true.
func TestTrackedFilesAreSmall(t *testing.T) {
	// CI runs in a clone, so there the check must run, never skip.
	skip := t.Skip
	if os.Getenv("CI") != "" {
		skip = t.Fatal
	}
	if _, err := exec.LookPath("git"); err != nil {
		skip("git is not installed")
	}
	if err := exec.Command("git", "rev-parse", "--is-inside-work-tree").Run(); err != nil {
		skip("not in a git checkout")
	}
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	tracked := map[string]bool{}
	for _, path := range strings.Split(string(bytes.TrimSuffix(out, []byte{0})), "\x00") {
		tracked[path] = true
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the work tree, not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > maxTrackedFile && largeFilesAllowed[path] == "" {
			t.Errorf("%s is %d bytes, over %d: remove it from git, or add it to largeFilesAllowed with the reason the product needs it", path, info.Size(), maxTrackedFile)
		}
	}
	allowed := make([]string, 0, len(largeFilesAllowed))
	for path := range largeFilesAllowed {
		allowed = append(allowed, path)
	}
	sort.Strings(allowed)
	for _, path := range allowed {
		if !tracked[path] {
			t.Errorf("largeFilesAllowed lists %s, which git does not track", path)
		}
	}
}
