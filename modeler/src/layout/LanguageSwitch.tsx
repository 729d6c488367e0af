// Switches between Chinese (default) and English.
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={() => void switchLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
      {t('user.language')}
    </Button>
  );
}
