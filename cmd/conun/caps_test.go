package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/conun/conun/farm/blobstore"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string // a part of the error; "" for none
	}{
		{"20GB", 20_000_000_000, ""},
		{"20GiB", 20 << 30, ""},
		{"20gb", 20_000_000_000, ""},
		{"20 GB", 20_000_000_000, ""},
		{"512MiB", 512 << 20, ""},
		{"1.5TB", 1_500_000_000_000, ""},
		{"4096", 4096, ""},
		{"4096B", 4096, ""},
		{"0", 0, ""},
		{" 8KiB ", 8 << 10, ""},
		{"", 0, "empty size"},
		{"  ", 0, "empty size"},
		{"-5GB", 0, "negative"},
		{"1,5GB", 0, "with a point"},
		{"20XB", 0, "such as 20GB"},
		{"GB", 0, "such as 20GB"},
		{"twenty", 0, "such as 20GB"},
		{"1e3", 0, "such as 20GB"},
		{"10EB", 0, "too large"},
		{"99999999EB", 0, "too large"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseSize(%q) = %d, %v; want an error with %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"10MB/s", 10_000_000, false},
		{"10MB", 10_000_000, false},
		{"10 MB/s", 10_000_000, false},
		{"10MB/S", 10_000_000, false},
		{"1.5MiB/s", 3 << 19, false},
		{"0", 0, false},
		{"0/s", 0, false},
		{"/s", 0, true},
		{"10MB/h", 0, true},
		{"-1MB/s", 0, true},
		{"fast", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseRate(tc.in)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "10MB/s") {
					t.Fatalf("parseRate(%q) = %d, %v; want an error showing the form 10MB/s", tc.in, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseRate(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

// TestByteFlag: the flag keeps the text it was given (what --print-config
// writes back) and the bytes it means, and a bad value leaves both.
func TestByteFlag(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	n := sizeFlag(fs, "cache-max", "20GiB", "")
	if *n != 20<<30 || fs.Lookup("cache-max").DefValue != "20GiB" {
		t.Fatalf("default: %d bytes, text %q", *n, fs.Lookup("cache-max").DefValue)
	}
	if err := fs.Set("cache-max", "50GB"); err != nil || *n != 50_000_000_000 || fs.Lookup("cache-max").Value.String() != "50GB" {
		t.Fatalf("set 50GB: %v, %d, %q", err, *n, fs.Lookup("cache-max").Value)
	}
	if err := fs.Set("cache-max", "lots"); err == nil || *n != 50_000_000_000 || fs.Lookup("cache-max").Value.String() != "50GB" {
		t.Fatalf("set lots: %v, %d, %q; want an error and 50GB kept", err, *n, fs.Lookup("cache-max").Value)
	}
}

// FuzzParseSize: any text is a size or an error, never a panic or a
// negative count, and a rate is a size with an optional /s.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"20GB", "512MiB", "1.5TB", "0", "-1", "1,5GB", "10MB/s", "١٢GB", "18446744073709551615", "9.9e99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err == nil && n < 0 {
			t.Fatalf("parseSize(%q) = %d", s, n)
		}
		r, rerr := parseRate(s + "/s")
		if (err == nil) != (rerr == nil) || r != n {
			t.Fatalf("parseSize(%q) = %d, %v but parseRate(%q) = %d, %v", s, n, err, s+"/s", r, rerr)
		}
	})
}

// TestNodeCapFlags: conun node (a process of its own) takes the caps as
// written, --print-config shows them as given, and a bad one is a usage
// error (exit 2) naming the flag and the form it wants.
func TestNodeCapFlags(t *testing.T) {
	data := t.TempDir()
	code, stdout, stderr := conun(t, "node", "--data", data, "--cache-max", "50GB", "--memory-max", "8GiB",
		"--upload-limit", "10MB/s", "--download-limit", "2MiB/s", "--print-config")
	if code != 0 {
		t.Fatalf("--print-config: exit %d: %s", code, stderr)
	}
	got := configKeys(t, stdout)
	for k, v := range map[string]string{"cache-max": "50GB", "memory-max": "8GiB", "upload-limit": "10MB/s", "download-limit": "2MiB/s"} {
		if got[k] != v {
			t.Errorf("--print-config: %s = %q, want %q", k, got[k], v)
		}
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"cache size without a number", []string{"--cache-max", "GB"}, []string{"cache-max", "20GB"}},
		{"decimal comma", []string{"--memory-max", "1,5GB"}, []string{"memory-max", "1.5GB"}},
		{"rate per hour", []string{"--upload-limit", "10MB/h"}, []string{"upload-limit", "10MB/s"}},
		{"negative rate", []string{"--download-limit", "-1MB/s"}, []string{"download-limit", "10MB/s"}},
		{"no memory at all", []string{"--memory-max", "0"}, []string{"--memory-max 0", "4GiB"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := conun(t, append([]string{"node", "--data", t.TempDir(), "--sandbox", "none"}, tc.args...)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (usage): %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("error %q does not say %q", stderr, w)
				}
			}
		})
	}
}

// TestUploadQuotaFlags: the quota flags reach the node's config, the
// defaults are blobstore's, and a zero or a bad size is a usage error
// naming the flag.
func TestUploadQuotaFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want blobstore.Quota
		err  string
	}{
		{"defaults", nil, blobstore.DefaultQuota(), ""},
		{"raised", []string{"--upload-quota", "100GiB", "--upload-quota-files", "2", "--upload-quota-total", "1TB", "--upload-quota-total-files", "200"},
			blobstore.Quota{PerClientCount: 2, PerClientBytes: 100 << 30, TotalCount: 200, TotalBytes: 1e12, OverQuotaExpiry: blobstore.DefaultQuota().OverQuotaExpiry}, ""},
		{"zero files", []string{"--upload-quota-files", "0"}, blobstore.Quota{}, "--upload-quota-files 0"},
		{"zero bytes", []string{"--upload-quota-total", "0"}, blobstore.Quota{}, "--upload-quota-total 0"},
		{"not a size", []string{"--upload-quota", "lots"}, blobstore.Quota{}, `"lots"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			set := uploadQuotaFlags(fs)
			q := blobstore.DefaultQuota()
			err := fs.Parse(tt.args)
			if err == nil {
				err = set(&q)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want one naming %s", err, tt.err)
				}
				return
			}
			if err != nil || q != tt.want {
				t.Fatalf("quota %+v err %v, want %+v", q, err, tt.want)
			}
		})
	}
}
