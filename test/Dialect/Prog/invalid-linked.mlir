// RUN: npc-opt %s -split-input-file -verify-diagnostics

// The ops of a linked program (npc-link-program) check their own fields and
// every number that names a tensor, layer, tile or transfer.

// expected-error @+1 {{'prog.frame' op needs cycles >= 0 and a period of at least 1 cycle}}
prog.frame {cycles = 10 : i64, period = 0 : i64}

// -----

prog.frame {cycles = 10 : i64, period = 10 : i64}
// expected-error @+1 {{'prog.frame' op is a second prog.frame: a module links one program}}
prog.frame {cycles = 10 : i64, period = 10 : i64}

// -----

// expected-error @+1 {{'prog.tensor' op kind 'uint7' is not an element kind}}
prog.tensor {kind = "uint7", producer = -1 : i64, shape = array<i64: 1, 8>}

// -----

// expected-error @+1 {{'prog.tensor' op constant has 3 values for 8 elements}}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 8>, constant = array<i32: 1, 2, 3>}

// -----

// The geometry is checked as the artifact's manifest checks it.
// expected-error @+1 {{'prog.layer' op geometry.kind: unknown layer kind 99}}
prog.layer "bad" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 99 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
}

// -----

// expected-error @+1 {{'prog.layer' op has 2 inputs, 1 input_reshaped flags and a geometry of 1 operands}}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0, 0>, output = 1 : i64} {
}

// -----

prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op param_layout needs 10 values}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0>, start = 2 : i64}
}

// -----

prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op needs one input box, address and copy count per layer input (1)}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8, 16>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// A tensor's producer must be the layer that writes it.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
// expected-error @+1 {{'prog.layer' op writes tensor 1, whose producer is layer -1}}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
}

// -----

// A transfer into tile (0, 1) of a layer with one tile.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.tensor {kind = "uint8", producer = 0 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}
// expected-error @+1 {{'prog.transfer' op names a (layer, tile) the module does not have}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, bytes = 8 : i64, consumer = array<i64: 0, 1>, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}

// -----

// The same field checks as noc.transfer's.
// expected-error @+1 {{'prog.transfer' op noc 4 is not one of the four NoCs}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 8>, bytes = 8 : i64, consumer = array<i64: 0, 0>, dst = 0 : i64, id = 0 : i64, noc = 4 : i64, operand = 0 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}

// -----

// expected-error @+1 {{'prog.host' op host kind and float conversion disagree}}
prog.host "x" {axis = -1 : i64, converts_float = true, host_kind = "uint8", scales = array<f64: 0.5>, shape = array<i64: 1, 8>, storage_max = 255 : i64, storage_min = 0 : i64, tensor = 0 : i64, zero_points = array<i64: 0>}

// -----

// expected-error @+1 {{'prog.core' op memory must be a 1-D i8 tensor with its bytes (dense or dense_resource with a blob)}}
prog.core attributes {core = 0 : i64, memory = dense<[1, 2]> : tensor<2xi32>} {
}

// -----

// expected-error @+1 {{'prog.core' op the frame buffer (core -1) has no memory image}}
prog.core attributes {core = -1 : i64, memory = dense<[1, 2]> : tensor<2xi8>} {
}
