package jobs_test

import (
	"os"
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// TestMain drops the template databases the tests copied theirs from.
func TestMain(m *testing.M) { os.Exit(storetest.Run(m)) }
