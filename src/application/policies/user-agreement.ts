import type { PolicyText } from './policy-text.js';

/** 用户协议. Change the text only together with the version: registrations record the version accepted. */
export const userAgreement: PolicyText = {
  title: '用户协议',
  version: '1.0',
  effectiveDate: '2025-12-01',
  sections: (contact) => [
    {
      heading: '一、协议的订立',
      paragraphs: [
        '本协议是您所代表的机构与云速配场景供需对接平台（以下简称“平台”）运营单位之间关于使用平台服务的约定。您勾选同意并完成注册，即表示您已阅读并接受本协议。',
      ],
    },
    {
      heading: '二、注册与账号',
      paragraphs: [
        '注册机构应如实填写机构名称、统一社会信用代码与联系人信息，并经平台审核认证后方可发布需求或方案、揭榜与对接。',
        '机构管理员应妥善保管账号和密码，因保管不善造成的损失由机构自行承担。发现账号被盗用时，请立即联系平台。',
      ],
    },
    {
      heading: '三、发布与对接规则',
      paragraphs: [
        '发布的需求与方案应真实、合法，不得含有虚假、侵权或违法内容；平台有权审核、退回或下架不符合规定的内容。',
        '平台提供的匹配与推荐结果仅供参考，对接、约谈与签约由双方自主决定，合同权利义务由签约双方依法承担。',
      ],
    },
    {
      heading: '四、禁止行为',
      paragraphs: [
        '不得冒用他人身份注册，不得批量抓取平台数据，不得将通过平台获得的联系方式用于与对接无关的用途，不得干扰平台正常运行。',
      ],
    },
    {
      heading: '五、违约处理',
      paragraphs: [
        '违反本协议的，平台可视情节暂停机构、撤回相关内容，并依法追究责任。被暂停的机构可向平台申请恢复。',
      ],
    },
    {
      heading: '六、协议变更与联系方式',
      paragraphs: [
        '本协议更新时，我们将在平台公布新版本；重大变更将请您重新阅读并同意。',
        `对本协议有疑问的，请联系：${contact}`,
      ],
    },
  ],
};
