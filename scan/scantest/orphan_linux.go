package scantest

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel end clamd when the test process ends
// without Run stopping it (a test binary killed at its -timeout).
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
