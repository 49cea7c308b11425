#version 330 core
// Headlight shading (two-sided, so open meshes look right from inside) of the base colour:
// material factor x texture x vertex colour, with an optional anti-aliased wireframe overlay.
in vec3 vViewPosition;
in vec3 vViewNormal;
in vec2 vUV;
in vec4 vColor;
in vec3 vBarycentric;

uniform sampler2D uTexture;
uniform bool uHasTexture;
uniform vec4 uBaseColor;
uniform bool uWireframe;
uniform vec3 uWireColor;
uniform vec4 uTint;  // the base colour replaced by uTint.rgb this much (uTint.a)

out vec4 fragColor;

void main() {
  vec4 albedo = uBaseColor * vColor;
  if (uHasTexture) albedo *= texture(uTexture, vec2(vUV.x, 1.0 - vUV.y));  // image rows top first
  albedo.rgb = mix(albedo.rgb, uTint.rgb, uTint.a);
  vec3 n = normalize(vViewNormal);
  vec3 toEye = normalize(-vViewPosition);
  if (dot(n, toEye) < 0.0) n = -n;
  vec3 light = normalize(toEye + vec3(0.3, 0.5, 0.0));
  float diffuse = max(dot(n, light), 0.0);
  float specular = pow(max(dot(n, normalize(light + toEye)), 0.0), 48.0);
  vec3 color = albedo.rgb * (0.28 + 0.72 * diffuse) + vec3(0.12 * specular);
  if (uWireframe) {
    vec3 width = fwidth(vBarycentric);
    vec3 edge = smoothstep(vec3(0.0), 1.2 * width, vBarycentric);
    float line = 1.0 - min(min(edge.x, edge.y), edge.z);
    color = mix(color, uWireColor, 0.85 * line);
  }
  fragColor = vec4(color, 1.0);
}
