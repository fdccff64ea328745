package mail_test

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/mail"
)

// TestLogSafe: a server's reply quoting the recipient is logged by its
// code alone; a network fault, which names only the server, whole.
func TestLogSafe(t *testing.T) {
	reply := fmt.Errorf("mail: send to smtp.example: RCPT TO: %w",
		&textproto.Error{Code: 550, Msg: "5.1.1 <alice@example.com>: Recipient address rejected"})
	if got := mail.LogSafe(reply); strings.Contains(got, "alice") || !strings.Contains(got, "550") {
		t.Errorf("LogSafe(reply) = %q", got)
	}
	refused := errors.New("mail: connect to smtp.example:587: connection refused")
	if got := mail.LogSafe(refused); got != refused.Error() {
		t.Errorf("LogSafe(refused) = %q", got)
	}
}
