package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// servingEnv, set, makes the test binary run as the chancery command (see
// TestMain).
const servingEnv = "CHANCERY_TEST_AS_COMMAND"

// serveProcess starts chancery serve as a process of its own, with
// production's password cost, on a fresh database of the engine under
// test, and returns its address and process id.
func serveProcess(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cfg := testConfig(t)
	args = append([]string{"serve", "-addr", "127.0.0.1:0", "-no-seed", "-data", cfg.Data}, args...)
	if cfg.DB != "" {
		args = append(args, "-db", cfg.DB, "-data-key", cfg.DataKey)
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), servingEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	ready := regexp.MustCompile(`chancery is ready at (http://\S+)`)
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := ready.FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, out)
			return m[1], cmd.Process.Pid
		}
	}
	t.Fatalf("the server stopped before it was ready: %v", lines.Err())
	return "", 0
}

// peakRSS is the most memory the process pid has held resident, in bytes
// (VmHWM in /proc/PID/status).
func peakRSS(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc to read the peak memory from: %v", err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no VmHWM in /proc/PID/status")
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10
}

// TestAbuse05SignInMemory: 200 sign-ins at once, from as many addresses
// so that no rate limit stops them, against the real server at
// production's argon2id cost (64 MiB a hash), keep its memory under
// 400 MB; those that find no hashing slot in time get 503 with a
// whole-second Retry-After, and none anything else.
func TestAbuse05SignInMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process and hashes at production cost")
	}
	// Three hashing slots, the most the default allows on any machine.
	base, pid := serveProcess(t, "-trust-proxy", "-password-hashes", "3")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page, err := client.Get(base + "/staff/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	if token == nil || len(page.Cookies()) == 0 {
		t.Fatalf("no sign-in form: %d", page.StatusCode)
	}
	const n = 200
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			form := url.Values{"csrf": {string(token[1])}, "username": {fmt.Sprintf("guess%d", i)}, "password": {"wrong password"}}
			req, _ := http.NewRequest("POST", base+"/staff/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.0.%d.%d", i/250, i%250+1))
			for _, c := range page.Cookies() {
				req.AddCookie(c)
			}
			res, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
			if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); res.StatusCode == http.StatusServiceUnavailable && (err != nil || ra < 1) {
				t.Errorf("503 with Retry-After %q", res.Header.Get("Retry-After"))
			}
		})
	}
	wg.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	peak := peakRSS(t, pid)
	t.Logf("statuses %v; peak RSS %d MB", count, peak>>20)
	if count[http.StatusUnauthorized]+count[http.StatusServiceUnavailable] != n || count[http.StatusServiceUnavailable] == 0 {
		t.Errorf("statuses %v: want only 401 (checked) and some 503 (no hashing slot in time)", count)
	}
	if raceDetector {
		t.Logf("peak RSS not judged under the race detector, which multiplies memory; the steps without it judge it")
	} else if peak >= 400<<20 {
		t.Errorf("peak RSS %d MB, want under 400 MB", peak>>20)
	}
}
