//go:build unix

package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// onHangup calls fn on each SIGHUP until ctx ends or stop is called: an
// owner's `kill -HUP` after a driver install makes a node re-probe its
// devices, as conun node reprobe does.
func onHangup(ctx context.Context, fn func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-ch:
				fn()
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		cancel()
		<-done
	}
}
