package web_test

import (
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// storetest2 starts a second server instance with its own connection pool
// to the same database as e, as a second process would.
func storetest2(t *testing.T, e *testEnv) string {
	t.Helper()
	return e.start(storetest.OpenDSN(t, e.DSN))
}
