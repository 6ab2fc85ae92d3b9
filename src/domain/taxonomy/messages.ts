import { errorCatalog } from '../shared/error-catalog.js';

export const taxonomyCityText = {
  code: '城市代码须为2到30位小写拼音字母或数字，以字母开头，如 wenzhou',
  codeReserved: '城市代码不能用 province（它表示全省）',
  zh: '城市名称须为2到10个汉字，如 温州',
  zhWithSuffix: '城市名称不要带“市”字，如填写“温州”',
  province: '所属省份须为2到10个汉字，如 浙江省',
  provinceIsOwn: '山东省的16个地市已在平台中，这里只添加省外城市',
} as const;

export const taxonomyCityError = errorCatalog({
  'taxonomy.province_only': [403, '只有省级平台工作人员可以添加省外城市'],
  'taxonomy.city_code_taken': [409, '城市代码已被使用，请换一个代码'],
  'taxonomy.city_name_taken': [409, '这个城市已在平台中，不必重复添加'],
});
