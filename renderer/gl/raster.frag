#version 430
// The raster preview's shading: the tracer's own BRDF (shading.glsl) lit
// directly by the scene's lights, without shadows or bounces, plus a
// constant ambient standing in for the light the tracer gathers from the
// sky and from other surfaces.
#include "layout.glsl"

layout(std430, binding = 0) readonly buffer Mats { Mat mats[]; };
// Light kinds 0-2 as tracer.comp's; kind 3 is an emissive triangle taken as
// a small area light at its centroid: pos the centroid, dir its normal,
// rad its emission times its area, cone.x 1 when double-sided.
layout(std430, binding = 1) readonly buffer Lights { Light lights[]; };
layout(std430, binding = 2) readonly buffer Texels { float texels[]; };

#include "shading.glsl"

uniform vec3 camPos;
uniform vec3 ambient;
uniform int nLights;
// idPass draws each surface's material index instead of its colour (the
// clear colour is -1): MaterialMap's ID pass.
uniform bool idPass;

in vec3 vPos;
in vec3 vNormal;
in vec2 vUV;
flat in vec3 vNg;
flat in int vInfo;

// Dual-source blending: colour is what the surface sends to the eye
// (alpha: coverage), transmit what it lets through of what lies behind,
// multiplied in (glBlendFunc(ONE, SRC1_COLOR)), so transparent surfaces
// need no sorting.
layout(location = 0, index = 0) out vec4 colour;
layout(location = 0, index = 1) out vec4 transmit;

void main() {
	if (idPass) {
		colour = vec4(float(vInfo >> 1), 0.0, 0.0, 1.0);
		transmit = vec4(0.0);
		return;
	}
	Mat m = mats[vInfo >> 1];
	vec3 wo = normalize(camPos - vPos);
	vec3 ng = normalize(vNg);
	bool front = dot(wo, ng) > 0.0;
	vec3 ngF = front ? ng : -ng;
	vec3 n = normalize(vNormal);
	if (dot(n, ngF) < 0.0) n = -n;
	if (!(dot(n, wo) > 0.0) || !finite3(n)) n = ngF;

	vec3 base = m.base.xyz;
	if (m.tex.x >= 0 && (vInfo & 1) != 0) base *= lookup(m.tex, vUV.x, vUV.y);
	float metallic = m.base.w;
	Surface s = newSurface(base, metallic, m.emis.w);

	vec3 L = vec3(0.0);
	for (int i = 0; i < nLights; i++) {
		int kind = int(lights[i].pos.w);
		vec3 wi, li;
		if (kind == 2) {
			wi = -lights[i].dir.xyz;
			li = lights[i].rad.xyz;
		} else {
			vec3 toL = lights[i].pos.xyz - vPos;
			float d2 = dot(toL, toL);
			if (d2 == 0.0) continue;
			wi = toL / sqrt(d2);
			li = lights[i].rad.xyz / d2;
			if (kind == 1) {
				float c = dot(lights[i].dir.xyz, -wi);
				float ci = lights[i].cone.x, co = lights[i].cone.y;
				float a = min(max((c - co) / (ci - co), 0.0), 1.0);
				li *= a * a;
			} else if (kind == 3) {
				float cosL = -dot(wi, lights[i].dir.xyz);
				if (lights[i].cone.x != 0.0) cosL = abs(cosL);
				li *= max(cosL, 0.0);
			}
		}
		if (dot(wi, ngF) <= 0.0 || isBlack(li)) continue;
		float pdf;
		L += evalSurface(s, n, wo, wi, pdf) * li;
	}
	L += base * ambient;
	if (front || m.misc.z != 0.0) L += m.emis.xyz;

	float t = m.misc.x * (1.0 - metallic);
	colour = vec4(L * (1.0 - t), 1.0);
	transmit = vec4(base * t, 0.0);
}
