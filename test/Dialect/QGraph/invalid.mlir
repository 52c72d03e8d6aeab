// RUN: npc-opt %s -split-input-file -verify-diagnostics

!q = !quant.uniform<u8:f32, 0.1>
func.func @conv_group_mismatch(%x: tensor<1x3x4x4x!q>) {
  %w = qg.constant dense<1> : tensor<2x2x3x3xi8> : tensor<2x2x3x3x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{'qg.conv2d' op group 2 must divide input channels 3 and output channels 2}}
  %c = "qg.conv2d"(%x, %w) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 2 : i64} : (tensor<1x3x4x4x!q>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x2x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @conv_bad_shape(%x: tensor<1x3x4x4x!q>) {
  %w = qg.constant dense<1> : tensor<2x3x3x3xi8> : tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{result shape should be [1, 2, 2, 2]}}
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1} : (tensor<1x3x4x4x!q>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x4x4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @conv_float_input(%x: tensor<1x3x4x4xf32>) {
  %w = qg.constant dense<1> : tensor<2x3x3x3xi8> : tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{input must have a per-tensor !quant.uniform element type, got 'f32'}}
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1} : (tensor<1x3x4x4xf32>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x2x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @conv_axis(%x: tensor<1x3x4x4x!q>) {
  %w = qg.constant dense<1> : tensor<2x3x3x3xi8> : tensor<2x3x3x3x!quant.uniform<i8:f32:1, {0.1, 0.1, 0.1}>>
  // expected-error @+1 {{weight must be quantized per tensor or along dimension 0, not 1}}
  %c = qg.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1} : (tensor<1x3x4x4x!q>, tensor<2x3x3x3x!quant.uniform<i8:f32:1, {0.1, 0.1, 0.1}>>) -> tensor<1x2x2x2x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @clamp_outside(%x: tensor<4x!q>) {
  // expected-error @+1 {{clamp range [300, 400] lies outside the result storage range [0, 255]}}
  %r = qg.rescale %x {clamp_min = 300 : i32, clamp_max = 400 : i32} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @clamp_inverted(%x: tensor<4x!q>) {
  // expected-error @+1 {{clamp_min 20 exceeds clamp_max 10}}
  %r = qg.rescale %x {clamp_min = 20 : i32, clamp_max = 10 : i32} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @multiplier_count(%x: tensor<4x!q>) {
  // expected-error @+1 {{expects 1 multipliers, got 2}}
  %r = qg.rescale %x {multiplier = array<i32: 1, 2>, shift = array<i32: 3>} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @shift_range(%x: tensor<4x!q>) {
  // expected-error @+1 {{shift 63 is outside [0, 62]}}
  %r = qg.rescale %x {multiplier = array<i32: 1073741824>, shift = array<i32: 63>} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @matmul_k(%x: tensor<2x3x!q>) {
  %w = qg.constant dense<1> : tensor<4x2xi8> : tensor<4x2x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{reduction sizes differ: input K=3, weight K=4}}
  %m = qg.matmul %x, %w : (tensor<2x3x!q>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x2x!q>
  return
}

// -----
!a = !quant.uniform<u8:f32, 0.1>
!b = !quant.uniform<u8:f32, 0.2>
func.func @concat_types(%x: tensor<1x2x!a>, %y: tensor<1x2x!b>) {
  // expected-error @+1 {{input element type}}
  %c = qg.concat %x, %y {axis = 1} : (tensor<1x2x!a>, tensor<1x2x!b>) -> tensor<1x4x!a>
  return
}

// -----
func.func @constant_width() {
  // expected-error @+1 {{value element width 32 differs from the storage width 8}}
  %w = qg.constant dense<1> : tensor<2xi32> : tensor<2x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----
func.func @per_axis_count() {
  // expected-error @+1 {{result has 3 per-axis scales but dimension 0 is 2}}
  %w = qg.constant dense<1> : tensor<2x2xi8> : tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1}>>
  return
}

// -----
func.func @storage_mismatch(%x: tensor<4xi8>) {
  // expected-error @+1 {{storage differs}}
  %r = qg.storage_cast %x : tensor<4xi8> -> tensor<4x!quant.uniform<u8:f32, 0.1>>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @reshape_count(%x: tensor<4x!q>) {
  // expected-error @+1 {{element count changes from 4 to 6}}
  %r = qg.reshape %x : tensor<4x!q> -> tensor<2x3x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @transpose_perm(%x: tensor<2x3x!q>) {
  // expected-error @+1 {{perm is not a permutation}}
  %r = qg.transpose %x {perm = array<i64: 0, 0>} : tensor<2x3x!q> -> tensor<2x2x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @slice_outside(%x: tensor<1x6x5x7x!q>) {
  // expected-error @+1 {{dimension 3: 4 elements from 1 in steps of 2 do not lie in the input's 7}}
  %r = qg.slice %x {starts = array<i64: 0, 0, 0, 1>, steps = array<i64: 1, 1, 1, 2>} : tensor<1x6x5x7x!q> -> tensor<1x6x5x4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @slice_rank(%x: tensor<1x6x5x7x!q>) {
  // expected-error @+1 {{starts, steps, input and result ranks must agree}}
  %r = qg.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<1x6x5x7x!q> -> tensor<1x6x5x7x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @pad_shape(%x: tensor<1x2x3x4x!q>) {
  // expected-error @+1 {{result dimension 2 should be 6}}
  %r = qg.pad %x {pads = array<i64: 0, 0, 1, 0, 0, 0, 2, 0>} : tensor<1x2x3x4x!q> -> tensor<1x2x5x4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @pad_negative(%x: tensor<1x2x3x4x!q>) {
  // expected-error @+1 {{pads must not be negative}}
  %r = qg.pad %x {pads = array<i64: 0, 0, -1, 0, 0, 0, 1, 0>} : tensor<1x2x3x4x!q> -> tensor<1x2x3x4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @resize_shape(%x: tensor<1x2x3x4x!q>) {
  // expected-error @+1 {{result must be the input with height x 2 and width x 2}}
  %r = qg.resize %x {factors = array<i64: 2, 2>} : tensor<1x2x3x4x!q> -> tensor<1x2x6x7x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @resize_factor(%x: tensor<1x2x3x4x!q>) {
  // expected-error @+1 {{factors must be >= 1}}
  %r = qg.resize %x {factors = array<i64: 0, 1>} : tensor<1x2x3x4x!q> -> tensor<1x2x0x4x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
!p = !quant.uniform<u8:f32, 0.2>
func.func @resize_type(%x: tensor<1x2x3x4x!q>) {
  // expected-error @+1 {{element type must not change}}
  %r = qg.resize %x {factors = array<i64: 1, 1>} : tensor<1x2x3x4x!q> -> tensor<1x2x3x4x!p>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @avgpool_multipliers(%x: tensor<1x1x4x4x!q>) {
  // expected-error @+1 {{expects 4 multipliers, got 1}}
  %r = qg.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, count_include_pad = false, multiplier = array<i32: 1>, shift = array<i32: 1>} : tensor<1x1x4x4x!q> -> tensor<1x1x2x2x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1>
func.func @add_broadcast(%x: tensor<2x3x!q>, %y: tensor<4x!q>) {
  // expected-error @+1 {{result shape is not the broadcast of the operands'}}
  %r = qg.add %x, %y : (tensor<2x3x!q>, tensor<4x!q>) -> tensor<2x3x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 5.000000e-01:10>
func.func @subtract_with_positive_multiplier(%x: tensor<4x!q>, %y: tensor<4x!q>) -> tensor<4x!q> {
  // A subtraction's second multiplier carries the minus sign.
  // expected-error @+1 {{'qg.add' op subtracts, so its second multiplier must not be positive, got 5}}
  %r = qg.add %x, %y {subtract, multiplier = array<i32: 3, 5>, shift = array<i32: 2>} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return %r : tensor<4x!q>
}

// -----
!q = !quant.uniform<i8:f32, 0.1>
func.func @batch_matmul_batches(%a: tensor<2x3x4x!q>, %b: tensor<3x4x5x!q>) {
  // expected-error @+1 {{operands must have equal leading (batch) dimensions}}
  %r = qg.batch_matmul %a, %b : (tensor<2x3x4x!q>, tensor<3x4x5x!q>) -> tensor<2x3x5x!q>
  return
}

// -----
!q = !quant.uniform<i8:f32, 0.1>
func.func @batch_matmul_reduction(%a: tensor<2x3x4x!q>, %b: tensor<2x5x5x!q>) {
  // expected-error @+1 {{reduction sizes differ: lhs K=4, rhs K=5}}
  %r = qg.batch_matmul %a, %b : (tensor<2x3x4x!q>, tensor<2x5x5x!q>) -> tensor<2x3x5x!q>
  return
}

// -----
!q = !quant.uniform<i2:f32, 0.1>
func.func @softmax_table_rises(%x: tensor<2x4x!q>) {
  // A larger code distance is a smaller exponential.
  // expected-error @+1 {{exp_table entry 2 is 9: entries are non-negative and non-increasing}}
  %r = qg.softmax %x {exp_table = array<i32: 10, 8, 9, 1>, multiplier = array<i32: 1>, shift = array<i32: 0>} : tensor<2x4x!q> -> tensor<2x4x!quant.uniform<u8:f32, 0.0039>>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1:128>
func.func @layer_norm_gamma(%x: tensor<2x3x!q>) {
  // expected-error @+1 {{gamma and beta need 3 values each (the last axis), got 2 and 3}}
  %r = qg.layer_norm %x {gamma = array<f32: 1.0, 1.0>, beta = array<f32: 0.0, 0.0, 0.0>, epsilon = 1.0e-5 : f32} : tensor<2x3x!q> -> tensor<2x3x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1:128>
func.func @reduce_mode(%x: tensor<2x3x!q>) {
  // expected-error @+1 {{mode must be mean, sum or max, got 'min'}}
  %r = qg.reduce %x {mode = "min"} : tensor<2x3x!q> -> tensor<2x1x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1:128>
func.func @reduce_shape(%x: tensor<2x3x!q>) {
  // expected-error @+1 {{result must be the input's shape with the reduced dimensions 1}}
  %r = qg.reduce %x {mode = "sum"} : tensor<2x3x!q> -> tensor<2x2x!q>
  return
}

// -----
!q = !quant.uniform<u8:f32, 0.1:128>
func.func @resize_linear_den(%x: tensor<1x1x2x2x!q>) {
  // expected-error @+1 {{coordinate denominators must be in [1, 65536] and steps >= 0}}
  %r = qg.resize_linear %x {coord_step = array<i64: 2, 2>, coord_offset = array<i64: -1, -1>, coord_den = array<i64: 0, 4>} : tensor<1x1x2x2x!q> -> tensor<1x1x4x4x!q>
  return
}

// -----
!q = !quant.uniform<u2:f32, 1.0:2>
func.func @table_per_channel_wrong_size(%x: tensor<1x3x2x!q>) {
  // Three channels of 2-bit codes: 3 x 4 entries.
  // expected-error @+1 {{'qg.table' op needs one entry per input code: 4 for 2-bit input times 3 channels, got 8}}
  %r = qg.table %x {channel_axis = 1 : i64, table = array<i32: 4, 6, 6, 7, 8, 8, 12, 12>} : tensor<1x3x2x!q> -> tensor<1x3x2x!quant.uniform<u8:f32, 0.25:8>>
  return
}

// -----
!q = !quant.uniform<u2:f32, 1.0:2>
func.func @table_channel_axis_is_batch(%x: tensor<2x3x!q>) {
  // expected-error @+1 {{'qg.table' op channel_axis 0 must be an axis from 1 to 1 of the input}}
  %r = qg.table %x {channel_axis = 0 : i64, table = array<i32: 4, 6, 6, 7, 8, 8, 12, 12>} : tensor<2x3x!q> -> tensor<2x3x!quant.uniform<u8:f32, 0.25:8>>
  return
}

// -----
!q = !quant.uniform<i8:f32, 0.5>
func.func @gather_table_rank(%ids: tensor<1x4xi32>) {
  %t = qg.constant dense<1> : tensor<10xi8> : tensor<10x!q>
  // expected-error @+1 {{'qg.gather' op table must be [rows, width], got rank 1}}
  %e = qg.gather %ids, %t : (tensor<1x4xi32>, tensor<10x!q>) -> tensor<1x4x!q>
  return
}

// -----
!q = !quant.uniform<i8:f32, 0.5>
func.func @gather_result_shape(%ids: tensor<1x4xi32>) {
  %t = qg.constant dense<1> : tensor<10x3xi8> : tensor<10x3x!q>
  // expected-error @+1 {{'qg.gather' op result shape must be the indices' shape and the table's width 3}}
  %e = qg.gather %ids, %t : (tensor<1x4xi32>, tensor<10x3x!q>) -> tensor<1x3x4x!q>
  return
}

// -----
!q = !quant.uniform<i8:f32, 0.5>
func.func @gather_result_type(%ids: tensor<1x4xi32>) {
  %t = qg.constant dense<1> : tensor<10x3xi8> : tensor<10x3x!q>
  // expected-error @+1 {{'qg.gather' op result must have the table's element type (its codes are the table's)}}
  %e = qg.gather %ids, %t : (tensor<1x4xi32>, tensor<10x3x!q>) -> tensor<1x4x3x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----
!q = !quant.uniform<i8:f32, 0.5>
func.func @gather_wide_indices(%ids: tensor<1x4xi64>) {
  %t = qg.constant dense<1> : tensor<10x3xi8> : tensor<10x3x!q>
  // The chip holds indices in at most 32 bits (int64 graph inputs become i32).
  // expected-error @+1 {{'qg.gather' op operand #0 must be ranked tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer values, but got 'tensor<1x4xi64>'}}
  %e = qg.gather %ids, %t : (tensor<1x4xi64>, tensor<10x3x!q>) -> tensor<1x4x3x!q>
  return
}

// -----
!q = !quant.uniform<i8:f32, 0.5>
func.func @gather_table_not_constant(%ids: tensor<1x4xi32>, %t: tensor<10x3x!q>) {
  // expected-error @+1 {{'qg.gather' op table must be a quantized constant}}
  %e = qg.gather %ids, %t : (tensor<1x4xi32>, tensor<10x3x!q>) -> tensor<1x4x3x!q>
  return
}

// -----

// qg.conv2d_add: the convolution must be operand 0 or 1 of the add.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @conv_add_operand(%x: tensor<1x1x3x3x!x>, %w: tensor<2x1x2x2x!w>, %r: tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!y> {
  // expected-error @+1 {{'qg.conv2d_add' op conv_operand must be 0 or 1, got 2}}
  %s = qg.conv2d_add %x, %w, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1, folded_bias = array<i32: 0, 0>, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 33, 34>, conv_type = !y, conv_clamp_min = 0 : i32, conv_clamp_max = 255 : i32, add_multiplier = array<i32: 1073741824, 1073741824>, add_shift = 31 : i32, conv_operand = 2} : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>, tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!y>
  return %s : tensor<1x2x2x2x!y>
}

// -----

// qg.conv2d_add: the residual is added element for element.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @conv_add_residual_shape(%x: tensor<1x1x3x3x!x>, %w: tensor<2x1x2x2x!w>, %r: tensor<1x2x1x1x!y>) -> tensor<1x2x2x2x!y> {
  // expected-error @+1 {{'qg.conv2d_add' op residual shape must be the result's}}
  %s = qg.conv2d_add %x, %w, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1, folded_bias = array<i32: 0, 0>, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 33, 34>, conv_type = !y, conv_clamp_min = 0 : i32, conv_clamp_max = 255 : i32, add_multiplier = array<i32: 1073741824, 1073741824>, add_shift = 31 : i32, conv_operand = 0} : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>, tensor<1x2x1x1x!y>) -> tensor<1x2x2x2x!y>
  return %s : tensor<1x2x2x2x!y>
}

// -----

// qg.conv2d_add: the convolution's clamp lies in its own type's storage range.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @conv_add_conv_clamp(%x: tensor<1x1x3x3x!x>, %w: tensor<2x1x2x2x!w>, %r: tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!y> {
  // expected-error @+1 {{'qg.conv2d_add' op conv clamp range [-5, 255] must lie in conv_type's storage range [0, 255]}}
  %s = qg.conv2d_add %x, %w, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1, folded_bias = array<i32: 0, 0>, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 33, 34>, conv_type = !y, conv_clamp_min = -5 : i32, conv_clamp_max = 255 : i32, add_multiplier = array<i32: 1073741824, 1073741824>, add_shift = 31 : i32, conv_operand = 0} : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>, tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!y>
  return %s : tensor<1x2x2x2x!y>
}

// -----

// qg.conv2d_add: two add multipliers, one per operand.
!x = !quant.uniform<u8:f32, 0.5:10>
!w = !quant.uniform<i8:f32, 0.25>
!y = !quant.uniform<u8:f32, 1.0:3>
func.func @conv_add_multipliers(%x: tensor<1x1x3x3x!x>, %w: tensor<2x1x2x2x!w>, %r: tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!y> {
  // expected-error @+1 {{'qg.conv2d_add' op expects 2 add multipliers, got 1}}
  %s = qg.conv2d_add %x, %w, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1, folded_bias = array<i32: 0, 0>, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 33, 34>, conv_type = !y, conv_clamp_min = 0 : i32, conv_clamp_max = 255 : i32, add_multiplier = array<i32: 1073741824>, add_shift = 31 : i32, conv_operand = 0} : (tensor<1x1x3x3x!x>, tensor<2x1x2x2x!w>, tensor<1x2x2x2x!y>) -> tensor<1x2x2x2x!y>
  return %s : tensor<1x2x2x2x!y>
}

// -----

// qg.constant: codes outside a narrowed storage range (QONNX's 3-bit
// narrow weights are i4<-3:3>).
func.func @constant_outside_narrowed_range() -> tensor<2xi4> {
  // expected-error @+1 {{'qg.constant' op value -4 is outside the storage range [-3, 3] of its type}}
  %w = qg.constant dense<[3, -4]> : tensor<2xi4> : tensor<2x!quant.uniform<i4<-3:3>:f32, 0.5>>
  %d = qg.storage_cast %w : tensor<2x!quant.uniform<i4<-3:3>:f32, 0.5>> -> tensor<2xi4>
  return %d : tensor<2xi4>
}
