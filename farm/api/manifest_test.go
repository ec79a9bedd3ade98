package api

import (
	"strings"
	"testing"

	"github.com/conun/conun/tiler"
)

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name, file, data string
		wantErr          string
		check            func(t *testing.T, s JobSpec, frames string)
	}{
		{"yaml", "job.yaml", "scene: shot.glb\nframes: 1-10:2\ntiles: 2x3\nsamples: 64\nres: 640x360\nseed: 9\ndepth: 16\nbudget: 12.5\nverify_rate: 0.1\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if frames != "1-10:2" || s.Tiles != (tiler.Grid{Cols: 2, Rows: 3}) || s.Samples != 64 || s.Resolution != (tiler.Resolution{Width: 640, Height: 360}) ||
					s.Seed != 9 || s.Depth != 16 || s.Budget != MustTokens("12.5") || s.VerifyRate != 0.1 {
					t.Fatalf("spec %+v frames %q", s, frames)
				}
			}},
		{"json keeps defaults", "job.json", `{"scene":"a.glb","samples":8}`, "",
			func(t *testing.T, s JobSpec, frames string) {
				if frames != "" || s.Samples != 8 || s.Tiles != (tiler.Grid{Cols: 4, Rows: 4}) || s.Depth != 8 {
					t.Fatalf("spec %+v frames %q", s, frames)
				}
			}},
		{"exr", "job.yaml", "scene: a.glb\nformat: EXR\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if s.Format != FormatEXR {
					t.Fatalf("format %q, want exr", s.Format)
				}
			}},
		{"png is the default format", "job.yaml", "scene: a.glb\nformat: png\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if s.Format != "" {
					t.Fatalf("format %q, want \"\" (png)", s.Format)
				}
			}},
		{"bad format", "job.yaml", "scene: a.glb\nformat: gif\n", `format "gif": want png, jpeg, tiff, exr or exr-multilayer`, nil},
		{"jpeg with its quality", "job.yaml", "scene: a.glb\nformat: jpg\nquality: 80\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if s.Format != FormatJPEG || s.Quality != 80 {
					t.Fatalf("format %q quality %d, want jpeg 80", s.Format, s.Quality)
				}
			}},
		{"png without compression", "job.yaml", "scene: a.glb\ncompression: 0\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if s.Compression == nil || *s.Compression != 0 || s.PNGCompression() != 0 {
					t.Fatalf("compression %v, want 0 (none), not the default", s.Compression)
				}
			}},
		{"region", "job.yaml", "scene: a.blend\nregion: 10,20,74,60\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if s.Region == nil || *s.Region != (Region{X0: 10, Y0: 20, X1: 74, Y1: 60}) {
					t.Fatalf("region %v, want 10,20,74,60", s.Region)
				}
			}},
		{"region full drops the command line's", "job.yaml", "scene: a.blend\nregion: full\n", "",
			func(t *testing.T, s JobSpec, frames string) {
				if s.Region != nil {
					t.Fatalf("region %v, want none (the whole frame)", s.Region)
				}
			}},
		{"bad region", "job.yaml", "scene: a.blend\nregion: 10,20,5,60\n", "region", nil},
		{"yaml typo", "job.yml", "scene: a.glb\nsampels: 64\n", "field sampels not found", nil},
		{"json unknown field", "job.json", `{"scene":"a.glb","evil":1}`, "unknown field", nil},
		{"no scene", "job.yaml", "samples: 4\n", "no scene", nil},
		{"empty", "job.yaml", "", "empty manifest", nil},
		{"bad tiles", "job.yaml", "scene: a.glb\ntiles: 0x3\n", "columns must be >= 1", nil},
		{"wrong type", "job.yaml", "scene: a.glb\nsamples: many\n", "cannot unmarshal", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseManifest(tc.file, []byte(tc.data))
			spec := JobSpec{Tiles: tiler.Grid{Cols: 4, Rows: 4}, Samples: 32, Depth: 8, Region: &Region{X0: 1, Y0: 1, X1: 9, Y1: 9}}
			var frames string
			if err == nil {
				frames, err = m.Apply(&spec)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, spec, frames)
			if set := m.Sets("region"); set != strings.Contains(tc.data, "region:") {
				t.Errorf("Sets(region) = %v: the scene's own region would be taken over the manifest's", set)
			}
		})
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add("job.yaml", []byte("scene: a.glb\nframes: 1-3\ntiles: 2x2\n"))
	f.Add("job.json", []byte(`{"scene":"a.glb","res":"64x48","compression":90}`))
	f.Add("job.yaml", []byte("scene: [a, b]\n&x *x"))
	f.Add("job.yaml", []byte("scene: a.glb\nbudget: 0.03\nmax_price: 0.000000000000000001\n"))
	f.Add("job.yaml", []byte("scene: a.glb\nbudget: [1]\nmax_price: 1e-18\n"))
	f.Add("job.json", []byte(`{"scene":"a.glb","budget":"7.03","max_price":-1}`))
	f.Add("job.yaml", []byte("scene: a.blend\nregion: 8,4,72,40\n"))
	f.Add("job.json", []byte(`{"scene":"a.blend","region":"full"}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		m, err := ParseManifest(name, data)
		if err != nil {
			return
		}
		var s JobSpec
		m.Apply(&s)
	})
}
