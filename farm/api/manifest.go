package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/conun/conun/tiler"
)

// Manifest is a job described in a file (YAML or JSON), for studios that
// submit from scripts. Fields left out take the submitting command's
// defaults. Scene is relative to the manifest's folder.
type Manifest struct {
	Scene       string   `json:"scene" yaml:"scene"`
	Frames      string   `json:"frames,omitempty" yaml:"frames,omitempty"`
	Tiles       string   `json:"tiles,omitempty" yaml:"tiles,omitempty"`
	Samples     *int     `json:"samples,omitempty" yaml:"samples,omitempty"`
	Res         string   `json:"res,omitempty" yaml:"res,omitempty"`
	Seed        *uint64  `json:"seed,omitempty" yaml:"seed,omitempty"`
	Depth       *int     `json:"depth,omitempty" yaml:"depth,omitempty"`
	Format      string   `json:"format,omitempty" yaml:"format,omitempty"`
	Quality     *int     `json:"quality,omitempty" yaml:"quality,omitempty"`
	Compression *int     `json:"compression,omitempty" yaml:"compression,omitempty"`
	Budget      *Tokens  `json:"budget,omitempty" yaml:"budget,omitempty"`
	VerifyRate  *float64 `json:"verify_rate,omitempty" yaml:"verify_rate,omitempty"`
	MaxPrice    *Tokens  `json:"max_price,omitempty" yaml:"max_price,omitempty"`
	Priority    *int     `json:"priority,omitempty" yaml:"priority,omitempty"`
	Denoise     *bool    `json:"denoise,omitempty" yaml:"denoise,omitempty"`
	Device      string   `json:"device,omitempty" yaml:"device,omitempty"`
	// Region is --region's: x0,y0,x1,y1 in pixels, or full.
	Region string `json:"region,omitempty" yaml:"region,omitempty"`
}

// maxManifestBytes bounds a manifest file: they are a few lines.
const maxManifestBytes = 1 << 20

// IsManifest reports whether a file name is a job manifest (by extension).
func IsManifest(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// ParseManifest reads a manifest. name's extension picks JSON or YAML; both
// refuse unknown fields, so a typo ("sampels: 64") is an error, not a
// silently ignored setting.
func ParseManifest(name string, data []byte) (Manifest, error) {
	var m Manifest
	if len(data) > maxManifestBytes {
		return m, fmt.Errorf("%w: manifest %s is larger than %d bytes", ErrBadJob, name, maxManifestBytes)
	}
	var err error
	if strings.ToLower(filepath.Ext(name)) == ".json" {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(&m)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		err = dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			err = errors.New("empty manifest")
		}
	}
	if err != nil {
		return Manifest{}, fmt.Errorf("%w: manifest %s: %w", ErrBadJob, name, err)
	}
	if m.Scene == "" {
		return Manifest{}, fmt.Errorf("%w: manifest %s: no scene", ErrBadJob, name)
	}
	return m, nil
}

// Apply fills spec with the manifest's fields; fields the manifest leaves
// out keep spec's values. Frames is returned separately as it may be empty
// (the scene's own range).
func (m Manifest) Apply(spec *JobSpec) (frames string, err error) {
	if err := m.apply(spec); err != nil {
		return "", err
	}
	return m.Frames, nil
}

// Sets reports whether the manifest sets a setting, by its flag's name
// (res, samples, depth, format, quality, compression, denoise, region): what it
// leaves out takes the scene's own value.
func (m Manifest) Sets(name string) bool {
	switch name {
	case "res":
		return m.Res != ""
	case "samples":
		return m.Samples != nil
	case "depth":
		return m.Depth != nil
	case "format":
		return m.Format != ""
	case "quality":
		return m.Quality != nil
	case "compression":
		return m.Compression != nil
	case "denoise":
		return m.Denoise != nil
	case "frames":
		return m.Frames != ""
	case "tiles":
		return m.Tiles != ""
	case "region":
		return m.Region != ""
	}
	return false
}

func (m Manifest) apply(spec *JobSpec) (err error) {
	if m.Tiles != "" {
		if spec.Tiles, err = tiler.ParseGrid(m.Tiles); err != nil {
			return err
		}
	}
	if m.Res != "" {
		if spec.Resolution, err = tiler.ParseResolution(m.Res); err != nil {
			return err
		}
	}
	if m.Samples != nil {
		spec.Samples = *m.Samples
	}
	if m.Seed != nil {
		spec.Seed = *m.Seed
	}
	if m.Depth != nil {
		spec.Depth = *m.Depth
	}
	if m.Format != "" {
		if spec.Format, err = ParseFormat(m.Format); err != nil {
			return err
		}
	}
	if m.Quality != nil {
		spec.Quality = *m.Quality
	}
	if m.Compression != nil {
		spec.Compression = m.Compression
	}
	if m.Budget != nil {
		spec.Budget = *m.Budget
	}
	if m.VerifyRate != nil {
		spec.VerifyRate = *m.VerifyRate
	}
	if m.MaxPrice != nil {
		spec.MaxPrice = *m.MaxPrice
	}
	if m.Priority != nil {
		spec.Priority = *m.Priority
	}
	if m.Denoise != nil {
		spec.Denoise = *m.Denoise
	}
	if m.Device != "" {
		spec.Device = strings.ToUpper(m.Device)
	}
	switch m.Region {
	case "":
	case "full":
		spec.Region = nil // the whole frame, whatever the scene's border
	default:
		r, err := tiler.ParseRegion(m.Region)
		if err != nil {
			return fmt.Errorf("region: %w", err)
		}
		spec.Region = &Region{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}
	}
	return nil
}
