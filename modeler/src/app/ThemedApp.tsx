// Ant Design's locale follows the chosen language; the theme is a sober government blue.
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { AppRoutes } from './AppRoutes';

export const THEME = {
  token: { colorPrimary: '#1d4f91', colorLink: '#1d4f91', borderRadius: 4, fontSize: 14 },
  components: { Layout: { siderBg: '#0f2a4d', headerBg: '#ffffff' }, Menu: { darkItemBg: '#0f2a4d', darkSubMenuItemBg: '#0b213d' } },
};

export function ThemedApp() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={zh ? zhCNLocale : enUSLocale} theme={THEME}>
      <AntApp>
        <AppRoutes />
      </AntApp>
    </ConfigProvider>
  );
}
