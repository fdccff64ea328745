package scantest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/scan/scantest"
)

func TestMain(m *testing.M) { os.Exit(scantest.Run(m)) }

// TestWithoutClamd: where clamd cannot be found, a test that needs it is
// skipped with a message, and fails when CI is set. The test binary runs
// itself with a PATH that finds no sigtool.
func TestWithoutClamd(t *testing.T) {
	if os.Getenv("SCANTEST_CHILD") != "" {
		scantest.Shared(t)
		t.Fatal("Shared returned without clamd")
	}
	for _, c := range []struct {
		ci       string
		wantFail bool
		want     string
	}{
		{"", false, "SKIPPED: the tests with a real clamd (clamd is not installed"},
		{"1", true, "clamd is not installed"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestWithoutClamd$", "-test.v")
		cmd.Env = append(os.Environ(), "SCANTEST_CHILD=1", "PATH=/nonexistent", "CI="+c.ci)
		out, err := cmd.CombinedOutput()
		if (err != nil) != c.wantFail || !strings.Contains(string(out), c.want) {
			t.Errorf("with CI=%q: %v, want failure %v and %q in:\n%s", c.ci, err, c.wantFail, c.want, out)
		}
	}
}
