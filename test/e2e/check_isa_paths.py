#!/usr/bin/python3
"""The executor's kernel paths agree byte for byte on every e2e model kind, INT8, INT4 and INT2.

  check_isa_paths.py --npc build/bin/npc --work DIR [--seed S] [--count N] [--kind K]...

The MAC-array kernels take the fastest exact path this CPU has (docs/executor.md): AVX-512
VNNI, AVX2, the portable C++ path, or the scalar loops. NPC_ISA=avx2, =portable and =scalar
force the slower ones (a path the CPU lacks is not taken: the default runs instead). For every model of test/gen/gen_models.py (INT8 and sub-byte kinds, --count
each) and ResNet-50-shaped networks of bench/gen_resnet50.py at 32x32 (INT8: symmetric int8
weights, the VNNI path; INT4), compiled for northpole:
  npc run M.npx -i IN.npy -o RUN.npy --frames 2      (the default path)
  NPC_ISA=avx2, NPC_ISA=portable and NPC_ISA=scalar npc run ...
must write the same bytes. `npc reference` must too (it shares the kernels), under each path.
Prints a line per model and `isa-paths: N passed, M failed`; exits 1 if any failed.
"""
import os
import subprocess
import sys

from common import HERE, ROOT, suite_parser
import gen_models

PATHS = ('default', 'avx2', 'portable', 'scalar')


def run_env(cmd, isa, timeout):
    env = dict(os.environ)
    env.pop('NPC_ISA', None)
    if isa != 'default':
        env['NPC_ISA'] = isa
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if r.returncode != 0:
        return (r.stderr.strip() or r.stdout.strip() or f'exit {r.returncode}').splitlines()[-1]
    return None


def check(npc, model, inp, work, timeout):
    npx = os.path.join(work, 'model.npx')
    if os.path.exists(npx):
        os.remove(npx)
    err = run_env([npc, 'compile', model, '-o', npx, '--target', 'northpole', '--quiet'],
                  'default', timeout)
    if err:
        return f'compile: {err}'
    outputs = {}
    for isa in PATHS:
        for tool in ('run', 'reference'):
            out = os.path.join(work, f'{tool}.{isa}.npy')
            if os.path.exists(out):
                os.remove(out)
            cmd = ([npc, 'run', npx, '-i', inp, '-o', out, '--frames', '2'] if tool == 'run'
                   else [npc, 'reference', model, '-i', inp, '-o', out])
            err = run_env(cmd, isa, timeout)
            if err:
                return f'{tool} with NPC_ISA={isa}: {err}'
            with open(out, 'rb') as f:
                outputs[(tool, isa)] = f.read()
    first = outputs[('run', 'default')]
    differ = [f'{tool} {isa}' for (tool, isa), b in outputs.items() if b != first]
    return f'differs from run default: {", ".join(differ)}' if differ else None


def main():
    kinds = dict(gen_models.KINDS, **gen_models.SUBBYTE_KINDS)
    ap = suite_parser(__doc__, kinds, 1)
    args = ap.parse_args()
    models = os.path.join(args.work, 'models')
    names = gen_models.generate(models, args.seed, args.count, args.kind or list(kinds))
    cases = [(n, os.path.join(models, n + '.onnx'), os.path.join(models, n + '.input.npy'))
             for n in names]
    for bits in (8, 4):
        name = f'resnet50_32x32_int{bits}'
        model, inp = os.path.join(models, name + '.onnx'), os.path.join(models, name + '.input.npy')
        subprocess.run([sys.executable, os.path.join(ROOT, 'bench', 'gen_resnet50.py'), model,
                        '--input', inp, '--size', '32', '--bits', str(bits)], check=True,
                       capture_output=True)
        cases.append((name, model, inp))
    passed = failed = 0
    for name, model, inp in cases:
        work = os.path.join(args.work, 'out', name)
        os.makedirs(work, exist_ok=True)
        reason = check(args.npc, model, inp, work, args.timeout)
        print(f'{"FAIL" if reason else "ok  "} {name}' + (f': {reason}' if reason else ''))
        passed += reason is None
        failed += reason is not None
    print(f'isa-paths: {passed} passed, {failed} failed')
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
