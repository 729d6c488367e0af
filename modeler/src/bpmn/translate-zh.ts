// Chinese for the modeler's own texts (palette, context pad, lint button), as a bpmn-js translate module;
// texts not listed stay in English.
const ZH: Record<string, string> = {
  'Activate hand tool': '抓手工具',
  'Activate lasso tool': '套索工具',
  'Activate create/remove space tool': '创建/删除空间工具',
  'Activate global connect tool': '全局连线工具',
  'Create start event': '创建开始事件',
  'Create intermediate/boundary event': '创建中间/边界事件',
  'Create end event': '创建结束事件',
  'Create gateway': '创建网关',
  'Create task': '创建任务',
  'Create expanded sub-process': '创建子流程',
  'Create data object reference': '创建数据对象',
  'Create data store reference': '创建数据存储',
  'Create pool/participant': '创建泳池/参与者',
  'Create group': '创建分组',
  'Append task': '追加任务',
  'Append end event': '追加结束事件',
  'Append gateway': '追加网关',
  'Append intermediate/boundary event': '追加中间/边界事件',
  'Append text annotation': '追加文本注释',
  'Add text annotation': '添加文本注释',
  'Change element': '更改元素类型',
  'Change type': '更改类型',
  Delete: '删除',
  'Connect using sequence/message flow or association': '用顺序流/消息流或关联连线',
  'Connect using association': '用关联连线',
  'Connect to other element': '连接到其他元素',
  'Add lane above': '在上方添加泳道',
  'Add lane below': '在下方添加泳道',
  'Divide into two lanes': '拆分为两条泳道',
  'Divide into three lanes': '拆分为三条泳道',
  'No Issues': '规范检查：无问题',
  '{errors} Errors, {warnings} Warnings': '{errors} 个错误，{warnings} 个警告',
  'Toggle linting overlays': '显示/隐藏检查结果',
  'Issues for child elements': '子元素的问题',
};

function translate(template: string, replacements: Record<string, string> = {}): string {
  return (ZH[template] ?? template).replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

export const translateZhModule = { translate: ['value', translate] };
