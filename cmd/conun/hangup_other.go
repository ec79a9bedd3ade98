//go:build !unix

package main

import "context"

// onHangup does nothing where there is no SIGHUP: conun node reprobe
// does the same.
func onHangup(ctx context.Context, fn func()) (stop func()) { return func() {} }
