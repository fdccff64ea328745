// Command chancery runs the chancery platform: `chancery serve` (the default)
// starts the web server; other subcommands migrate, import the dataset and
// manage staff accounts. Run `chancery help` for the list.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the mission's time zones work on machines without a zoneinfo database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "chancery:", err)
		os.Exit(1)
	}
}
