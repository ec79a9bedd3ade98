package pathtracer

import (
	"fmt"
	"math"

	"github.com/qmuntal/gltf"
)

// material is a glTF metallic-roughness material with the transmission, IOR
// and emissive-strength extensions folded in.
type material struct {
	baseColor    vec3
	baseTex      *texture // nil when untextured
	metallic     float64
	roughness    float64
	emission     vec3 // emissiveFactor * emissive_strength
	transmission float64
	ior          float64
	doubleSided  bool
}

// defaultMaterial is glTF's material for primitives without one.
func defaultMaterial() material {
	return material{baseColor: vec3{1, 1, 1}, metallic: 1, roughness: 1, ior: 1.5}
}

// loadMaterials converts doc's materials and appends the default material,
// so every primitive has a valid index. Textures may have up to
// maxTexturePixels pixels each.
func loadMaterials(doc *gltf.Document, maxTexturePixels int) ([]material, error) {
	out := make([]material, 0, len(doc.Materials)+1)
	texCache := map[int]*texture{}
	for i, m := range doc.Materials {
		if m == nil {
			return nil, fmt.Errorf("material %d is null", i)
		}
		mat := defaultMaterial()
		mat.doubleSided = m.DoubleSided
		if pbr := m.PBRMetallicRoughness; pbr != nil {
			c := pbr.BaseColorFactorOrDefault()
			mat.baseColor = vec3{c[0], c[1], c[2]}
			mat.metallic = pbr.MetallicFactorOrDefault()
			mat.roughness = pbr.RoughnessFactorOrDefault()
			if bt := pbr.BaseColorTexture; bt != nil {
				if bt.TexCoord != 0 {
					return nil, fmt.Errorf("material %d: baseColorTexture uses TEXCOORD_%d; only TEXCOORD_0 is supported", i, bt.TexCoord)
				}
				t, ok := texCache[bt.Index]
				if !ok {
					var err error
					if t, err = loadTexture(doc, bt.Index, maxTexturePixels); err != nil {
						return nil, fmt.Errorf("material %d: %w", i, err)
					}
					texCache[bt.Index] = t
				}
				mat.baseTex = t
			}
		}
		e := m.EmissiveFactor
		mat.emission = vec3{e[0], e[1], e[2]}

		var strength struct {
			EmissiveStrength *float64 `json:"emissiveStrength"`
		}
		if ok, err := rawExtension(m.Extensions, "KHR_materials_emissive_strength", &strength); err != nil {
			return nil, fmt.Errorf("material %d: %w", i, err)
		} else if ok && strength.EmissiveStrength != nil {
			mat.emission = mat.emission.scale(*strength.EmissiveStrength)
		}
		var trans struct {
			TransmissionFactor float64 `json:"transmissionFactor"`
		}
		if _, err := rawExtension(m.Extensions, "KHR_materials_transmission", &trans); err != nil {
			return nil, fmt.Errorf("material %d: %w", i, err)
		}
		mat.transmission = trans.TransmissionFactor
		var ior struct {
			IOR *float64 `json:"ior"`
		}
		if _, err := rawExtension(m.Extensions, "KHR_materials_ior", &ior); err != nil {
			return nil, fmt.Errorf("material %d: %w", i, err)
		}
		if ior.IOR != nil {
			mat.ior = *ior.IOR
		}

		if !mat.baseColor.finite() || !mat.emission.finite() {
			return nil, fmt.Errorf("material %d: colours must be finite", i)
		}
		for _, v := range []float64{mat.metallic, mat.roughness, mat.transmission, mat.ior} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("material %d: factors must be finite", i)
			}
		}
		// Clamp rather than reject: exporters do write 1.0000001.
		mat.baseColor = vmax(vmin(mat.baseColor, vec3{1, 1, 1}), vec3{})
		mat.emission = vmax(mat.emission, vec3{})
		mat.metallic = clamp01(mat.metallic)
		mat.roughness = clamp01(mat.roughness)
		mat.transmission = clamp01(mat.transmission)
		if mat.ior < 1 {
			// glTF allows ior 0 to mean "no refraction"; treat anything
			// below 1 as air so Fresnel stays defined.
			mat.ior = 1
		}
		out = append(out, mat)
	}
	return append(out, defaultMaterial()), nil
}

func clamp01(v float64) float64 { return math.Min(math.Max(v, 0), 1) }

// surface is a material evaluated at one hit point, in a shading frame whose
// normal n faces the outgoing direction.
type surface struct {
	color     vec3
	metallic  float64
	alpha     float64 // GGX roughness, roughness squared
	pSpecular float64 // probability of sampling the specular lobe
}

// minAlpha keeps GGX finite for roughness 0; such surfaces are still very
// sharp mirrors.
const minAlpha = 2e-3

func newSurface(color vec3, metallic, roughness float64) surface {
	s := surface{color: color, metallic: metallic, alpha: math.Max(roughness*roughness, minAlpha)}
	// Pick lobes roughly in proportion to their albedo, so dark metals and
	// bright diffuse surfaces both converge; never starve either lobe.
	lum := color.luminance()
	spec := 0.04*(1-metallic) + lum*metallic
	diff := (1 - metallic) * lum * 0.96
	switch {
	case diff <= 0:
		s.pSpecular = 1
	default:
		s.pSpecular = math.Min(math.Max(spec/(spec+diff), 0.1), 0.9)
	}
	return s
}

func schlick(f0 float64, cos float64) float64 {
	m := 1 - cos
	m2 := m * m
	return f0 + (1-f0)*m2*m2*m
}

func ggxD(alpha, nh float64) float64 {
	a2 := alpha * alpha
	d := nh*nh*(a2-1) + 1
	return a2 / (math.Pi * d * d)
}

func smithG1(alpha, nv float64) float64 {
	a2 := alpha * alpha
	return 2 * nv / (nv + math.Sqrt(a2+(1-a2)*nv*nv))
}

// eval returns the BRDF times cos(wi) and the pdf with which sample would
// pick wi. It is the glTF specification's reference model (Appendix B): a
// Lambert lobe under a Fresnel-weighted GGX layer for dielectrics, a
// colour-tinted GGX lobe for metals, mixed by metallic.
func (s *surface) eval(n, wo, wi vec3) (f vec3, pdf float64) {
	nl := n.dot(wi)
	nv := n.dot(wo)
	if nl <= 0 || nv <= 0 {
		return vec3{}, 0
	}
	h := wo.add(wi).normalize()
	nh := math.Max(n.dot(h), 0)
	vh := math.Max(wo.dot(h), 0)
	d := ggxD(s.alpha, nh)
	spec := d * smithG1(s.alpha, nv) * smithG1(s.alpha, nl) / (4 * nl * nv)
	fd := schlick(0.04, vh)
	w := (1 - s.metallic) * fd
	fm := vec3{schlick(s.color.x, vh), schlick(s.color.y, vh), schlick(s.color.z, vh)}.scale(s.metallic)
	diffuse := s.color.scale((1 - s.metallic) * (1 - fd) / math.Pi)
	f = diffuse.add(fm.add(vec3{w, w, w}).scale(spec)).scale(nl)
	pdf = s.pSpecular*d*nh/(4*vh+1e-12) + (1-s.pSpecular)*nl/math.Pi
	return f, pdf
}

// sample picks an incoming direction. It returns the direction, the
// estimator weight f*cos/pdf and the pdf, or ok=false when the sample falls
// below the surface.
func (s *surface) sample(n, wo vec3, r *rng) (wi, weight vec3, pdf float64, ok bool) {
	t, b := onb(n)
	u1, u2 := r.float(), r.float()
	if r.float() < s.pSpecular {
		// Sample the GGX normal distribution D(h)*cos(h).
		a2 := s.alpha * s.alpha
		cosT := math.Sqrt((1 - u1) / (1 + (a2-1)*u1))
		sinT := math.Sqrt(math.Max(0, 1-cosT*cosT))
		phi := 2 * math.Pi * u2
		h := t.scale(sinT * math.Cos(phi)).add(b.scale(sinT * math.Sin(phi))).add(n.scale(cosT))
		wi = h.scale(2 * wo.dot(h)).sub(wo)
	} else {
		// Cosine-weighted hemisphere.
		rad := math.Sqrt(u1)
		phi := 2 * math.Pi * u2
		wi = t.scale(rad * math.Cos(phi)).add(b.scale(rad * math.Sin(phi))).add(n.scale(math.Sqrt(math.Max(0, 1-u1))))
	}
	f, pdf := s.eval(n, wo, wi)
	if pdf <= 0 || f.isBlack() {
		return wi, vec3{}, 0, false
	}
	return wi, f.scale(1 / pdf), pdf, true
}

// fresnelDielectric is the exact unpolarised Fresnel reflectance for light
// arriving at cosI from a medium with relative index eta = n_i / n_t. It also
// returns cos of the transmitted angle (0 under total internal reflection).
func fresnelDielectric(cosI, eta float64) (refl, cosT float64) {
	sin2T := eta * eta * (1 - cosI*cosI)
	if sin2T >= 1 {
		return 1, 0
	}
	cosT = math.Sqrt(1 - sin2T)
	rs := (eta*cosI - cosT) / (eta*cosI + cosT)
	rp := (cosI - eta*cosT) / (cosI + eta*cosT)
	return (rs*rs + rp*rp) / 2, cosT
}
